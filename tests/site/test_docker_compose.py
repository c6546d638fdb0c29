"""The production container setup: docker-compose.yml and the Dockerfile, checked as text.

No Docker engine is needed; these tests parse the files and prove that the services run the
project's real entry points, wait for what they need, report their health and read only
documented settings.
"""

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
README = ROOT / "README.md"

APP_SERVICES = ["migrate", "web", "worker", "beat"]
LONG_RUNNING_APP_SERVICES = ["web", "worker", "beat"]
ALL_SERVICES = ["db", "redis", *APP_SERVICES]
FALSE_VALUES = {"0", "false", "no", "off"}  # what leefbaarheid.env.env_bool reads as False

# ${NAME}, ${NAME:-default}, ${NAME:?error} and $NAME; "$$" is compose's escape for a literal "$".
INTERPOLATION = re.compile(r"(?<!\$)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    assert COMPOSE_FILE.is_file(), f"{COMPOSE_FILE} is missing"
    data = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict), "docker-compose.yml must be a mapping"
    return data


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    found = compose.get("services")
    assert isinstance(found, dict) and found, "docker-compose.yml declares no services"
    return found


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    assert DOCKERFILE.is_file(), f"{DOCKERFILE} is missing"
    instructions: list[tuple[str, str]] = []
    pending = ""
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        keyword, _, arguments = (pending + stripped).partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        pending = ""
    return instructions


def dockerfile_cmd() -> list[str]:
    commands = [arguments for keyword, arguments in dockerfile_instructions() if keyword == "CMD"]
    assert commands, "the Dockerfile has no CMD"
    last = commands[-1]
    if last.startswith("["):
        parsed = yaml.safe_load(last)  # the exec form is a JSON array, which YAML reads too
        assert isinstance(parsed, list)
        return [str(part) for part in parsed]
    return shlex.split(last)


def command_of(service: dict[str, Any]) -> list[str]:
    """The command a service runs: its own, or else the image's CMD."""
    command = service.get("command")
    if command is None:
        return dockerfile_cmd()
    if isinstance(command, str):
        return shlex.split(command)
    return [str(part) for part in command]


def celery_invocation(tokens: list[str]) -> tuple[str | None, str | None, list[str]]:
    """(app, subcommand, remaining arguments) of a `celery ...` command line."""
    assert tokens and Path(tokens[0]).name == "celery", f"not a celery command: {tokens}"
    app = None
    rest = tokens[1:]
    while rest and rest[0].startswith("-"):
        option = rest.pop(0)
        if option in ("-A", "--app"):
            app = rest.pop(0) if rest else None
        elif option.startswith("--app="):
            app = option.split("=", 1)[1]
    subcommand = rest.pop(0) if rest else None
    return app, subcommand, rest


def environment_of(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {key: "" if value is None else str(value) for key, value in env.items()}


def healthcheck_test(service: dict[str, Any]) -> list[str]:
    test = (service.get("healthcheck") or {}).get("test")
    if isinstance(test, str):
        return ["CMD-SHELL", test]
    return [str(part) for part in test or []]


def test_compose_declares_every_service(services: dict[str, Any]) -> None:
    missing = sorted(set(ALL_SERVICES) - set(services))
    assert not missing, f"services missing from docker-compose.yml: {missing}"


def test_compose_follows_the_compose_spec_without_version_key(compose: dict[str, Any]) -> None:
    assert "version" not in compose


def test_web_runs_gunicorn_with_project_wsgi(services: dict[str, Any]) -> None:
    tokens = command_of(services["web"])
    assert Path(tokens[0]).name == "gunicorn", tokens
    assert "leefbaarheid.wsgi:application" in tokens, tokens
    assert any(token.endswith(":8000") for token in tokens), "gunicorn must bind port 8000"


def test_web_publishes_the_gunicorn_port(services: dict[str, Any]) -> None:
    ports = [str(port) for port in services["web"].get("ports", [])]
    assert any(port.endswith(":8000") or port == "8000" for port in ports), ports


def test_worker_runs_celery_worker_for_the_project(services: dict[str, Any]) -> None:
    app, subcommand, _ = celery_invocation(command_of(services["worker"]))
    assert (app, subcommand) == ("leefbaarheid", "worker")


def test_beat_runs_celery_beat_with_the_database_scheduler(services: dict[str, Any]) -> None:
    app, subcommand, rest = celery_invocation(command_of(services["beat"]))
    assert (app, subcommand) == ("leefbaarheid", "beat")
    scheduler = "django_celery_beat.schedulers:DatabaseScheduler"
    joined = " ".join(rest)
    assert any(
        form in joined
        for form in (f"--scheduler {scheduler}", f"--scheduler={scheduler}", f"-S {scheduler}")
    ), rest


def test_migrate_applies_migrations_once(services: dict[str, Any]) -> None:
    migrate = services["migrate"]
    tokens = command_of(migrate)
    assert "manage.py" in " ".join(tokens) and "migrate" in tokens and "--noinput" in tokens
    # A one-shot job must not be restarted after it succeeded.
    restart = str(migrate.get("restart", "no"))
    assert restart == "no" or restart.startswith("on-failure"), restart


@pytest.mark.parametrize("name", ["web", "worker", "db", "redis"])
def test_service_has_a_healthcheck(services: dict[str, Any], name: str) -> None:
    healthcheck = services[name].get("healthcheck")
    assert isinstance(healthcheck, dict), f"{name} has no healthcheck"
    assert not healthcheck.get("disable"), f"{name} disables its healthcheck"
    test = healthcheck_test(services[name])
    assert len(test) >= 2 and test[0] in ("CMD", "CMD-SHELL"), f"{name} healthcheck test: {test}"


def test_web_healthcheck_calls_healthz_with_python(services: dict[str, Any]) -> None:
    test = " ".join(healthcheck_test(services["web"]))
    assert "python" in test and "urllib" in test, "the slim image has no curl: use python"
    assert "127.0.0.1:8000/healthz" in test or "localhost:8000/healthz" in test, test


def test_worker_healthcheck_pings_its_own_node(services: dict[str, Any]) -> None:
    test = " ".join(healthcheck_test(services["worker"]))
    assert "celery -A leefbaarheid inspect ping" in test, test
    # A single "$" would be replaced by compose with the host's HOSTNAME, not the container's.
    assert "celery@$$HOSTNAME" in test, test


def test_db_healthcheck_uses_pg_isready(services: dict[str, Any]) -> None:
    assert "pg_isready" in " ".join(healthcheck_test(services["db"]))


def test_redis_healthcheck_pings_redis(services: dict[str, Any]) -> None:
    assert "redis-cli ping" in " ".join(healthcheck_test(services["redis"]))


def test_backing_services_use_the_agreed_images(services: dict[str, Any]) -> None:
    assert str(services["db"]["image"]).startswith("postgres:16")
    assert str(services["redis"]["image"]).startswith("redis:7")


def test_database_is_stored_in_a_named_volume(
    compose: dict[str, Any], services: dict[str, Any]
) -> None:
    volumes = [str(volume) for volume in services["db"].get("volumes", [])]
    data_volume = next((v for v in volumes if v.endswith(":/var/lib/postgresql/data")), None)
    assert data_volume, f"db keeps its data in no volume: {volumes}"
    assert data_volume.split(":", 1)[0] in (compose.get("volumes") or {})


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_builds_the_repo_dockerfile(services: dict[str, Any], name: str) -> None:
    build = services[name].get("build")
    assert build is not None, f"{name} is not built from the Dockerfile"
    if isinstance(build, str):
        context, dockerfile = build, "Dockerfile"
    else:
        context, dockerfile = build.get("context", "."), build.get("dockerfile", "Dockerfile")
    assert (ROOT / context / dockerfile).resolve() == DOCKERFILE
    assert DOCKERFILE.is_file()


def test_dockerfile_default_command_is_gunicorn() -> None:
    tokens = dockerfile_cmd()
    assert Path(tokens[0]).name == "gunicorn", tokens
    assert "leefbaarheid.wsgi:application" in tokens, tokens


def test_dockerfile_uses_python_311_slim_and_exposes_8000() -> None:
    instructions = dockerfile_instructions()
    bases = [arguments for keyword, arguments in instructions if keyword == "FROM"]
    assert bases and bases[-1].split()[0] == "python:3.11-slim", bases
    assert any(keyword == "EXPOSE" and "8000" in arguments for keyword, arguments in instructions)


def test_dockerfile_runs_as_a_non_root_user() -> None:
    users = [arguments for keyword, arguments in dockerfile_instructions() if keyword == "USER"]
    assert users, "the Dockerfile never leaves root"
    assert users[-1].split(":")[0] not in ("root", "0"), users


def test_dockerfile_keeps_no_secret_key_in_the_image_environment() -> None:
    for keyword, arguments in dockerfile_instructions():
        if keyword in ("ENV", "ARG"):
            assert "DJANGO_SECRET_KEY" not in arguments, f"{keyword} {arguments}"


@pytest.mark.parametrize("name", LONG_RUNNING_APP_SERVICES)
def test_app_service_waits_for_healthy_backends_and_migrations(
    services: dict[str, Any], name: str
) -> None:
    depends_on = services[name].get("depends_on")
    assert isinstance(depends_on, dict), f"{name} must use the long depends_on form"
    expected = {
        "db": "service_healthy",
        "redis": "service_healthy",
        "migrate": "service_completed_successfully",
    }
    actual = {dep: (depends_on.get(dep) or {}).get("condition") for dep in expected}
    assert actual == expected


def test_migrate_waits_for_a_healthy_database(services: dict[str, Any]) -> None:
    depends_on = services["migrate"].get("depends_on")
    assert isinstance(depends_on, dict)
    assert depends_on["db"]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_runs_with_debug_off(services: dict[str, Any], name: str) -> None:
    env = environment_of(services[name])
    assert env.get("DJANGO_DEBUG", "").strip().lower() in FALSE_VALUES, env.get("DJANGO_DEBUG")


def test_app_services_share_one_environment(services: dict[str, Any]) -> None:
    environments = {name: environment_of(services[name]) for name in APP_SERVICES}
    first = environments[APP_SERVICES[0]]
    assert first, "the application services have no environment"
    for name, env in environments.items():
        assert env == first, f"{name} differs from {APP_SERVICES[0]}"


def test_app_environment_points_at_the_compose_backends(services: dict[str, Any]) -> None:
    env = environment_of(services["web"])
    assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"] == "redis://redis:6379/0"


def test_ssl_redirect_is_left_to_the_reverse_proxy(services: dict[str, Any]) -> None:
    env = environment_of(services["web"])
    assert env.get("DJANGO_SECURE_SSL_REDIRECT", "").lower() in FALSE_VALUES


@pytest.mark.parametrize(
    ("service", "variable"),
    [
        ("web", "DJANGO_SECRET_KEY"),
        ("web", "DJANGO_ALLOWED_HOSTS"),
        ("web", "DEMO_PASSWORD"),
        ("db", "POSTGRES_PASSWORD"),
    ],
)
def test_secret_has_no_default_and_must_be_set(
    services: dict[str, Any], service: str, variable: str
) -> None:
    value = environment_of(services[service]).get(variable, "")
    assert value.startswith(f"${{{variable}:?"), f"{variable} must be a required interpolation"


def test_every_interpolated_variable_is_documented_in_readme() -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    # Comments are not interpolated, so only the YAML itself counts.
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    names = {braced or bare for braced, bare in INTERPOLATION.findall(code)}
    assert "DJANGO_SECRET_KEY" in names, "found no interpolated variables at all"
    assert README.is_file(), "README.md is missing"
    readme = README.read_text(encoding="utf-8")
    undocumented = sorted(name for name in names if not re.search(rf"\b{name}\b", readme))
    assert not undocumented, f"not documented in README.md: {undocumented}"

"""README.md tells a newcomer the two commands and documents every setting."""

import re

from tests.helpers import BASE_DIR

README = (BASE_DIR / "README.md").read_text()


def test_readme_gives_the_two_setup_commands():
    block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]


def test_every_setting_read_from_the_environment_is_documented():
    settings_source = (BASE_DIR / "leefbaarheid/settings.py").read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list|url)\(\s*"([A-Z_]+)"', settings_source))
    assert len(names) > 10
    undocumented = sorted(name for name in names if f"`{name}`" not in README)
    assert undocumented == []


def test_makefile_has_the_documented_targets():
    makefile = (BASE_DIR / "Makefile").read_text()
    for target in ("run", "test", "messages", "vendor", "lock", "format"):
        assert re.search(rf"^{target}:", makefile, re.M), target

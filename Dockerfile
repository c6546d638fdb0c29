# Production image for Leefbaarheid.
#
# One image serves every application role; docker-compose.yml picks the command per service:
#   web      gunicorn (the default CMD below)
#   worker   celery -A leefbaarheid worker
#   beat     celery -A leefbaarheid beat (DatabaseScheduler)
#   migrate  python manage.py migrate --noinput (one-shot)
# There is deliberately no HEALTHCHECK here: it would be inherited by worker, beat and migrate
# too. Each service declares its own health check in docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=leefbaarheid.settings \
    PYTHONPATH=/app

# The application runs as this unprivileged user; the code under /app stays owned by root, so the
# running processes cannot change it. No extra system packages: psycopg2-binary ships its own
# libpq and the compiled translations (.mo) are part of the source tree.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app \
        --shell /usr/sbin/nologin app

WORKDIR /app

# 1. Third-party dependencies only, read from pyproject.toml and pinned by constraints.txt. This
#    layer is rebuilt only when one of those two files changes, not on every code edit.
COPY pyproject.toml constraints.txt ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install --no-cache-dir -c constraints.txt -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# 2. The whole source tree (templates/, static/ and locale/ are read from /app at run time), then
#    the project itself as an editable install: its packages resolve to /app, not site-packages.
#    Dependencies are already satisfied, so this step only registers the project.
COPY . .
RUN pip install --no-cache-dir -c constraints.txt -e . \
    && python -m compileall -q /app

# 3. Static files, collected (and compressed, hashed) at build time for whitenoise to serve.
#    Settings refuse to load without a secret key when DEBUG is off, so this one command gets a
#    throwaway value that exists only for it; it is not stored in the image's environment.
RUN DJANGO_SECRET_KEY=build-only-collectstatic-key-never-used-at-run-time \
    DJANGO_DEBUG=false \
    python manage.py collectstatic --noinput

USER 10001:10001

EXPOSE 8000

CMD ["gunicorn", "leefbaarheid.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

# Production image: gunicorn on port 8000, production settings, non-root.
# The whole topology built on it (front, two web nodes, Redis, PostgreSQL, OpenSearch, workers,
# scheduler) is deploy/compose.yaml, generated from deploy/topology.toml; README "Production".
# Build:     docker build -t digital-lm .
# Release:   docker run --rm --env-file prod.env digital-lm sh -c "python manage.py migrate --no-input && python manage.py setup_editorial"
# Scheduler: docker run --env-file prod.env -v dlm-media:/app/media digital-lm python manage.py run_schedule
#            (publish_scheduled every minute, harvest_repositories, extract_file_text, prune_bundle_cache)
# Workers:   docker run --env-file prod.env digital-lm python manage.py db_worker --backend discovery --queue-name discovery
#            docker run --env-file prod.env -v dlm-media:/app/media digital-lm python manage.py db_worker --backend discovery --queue-name files
# Run:       docker run --env-file prod.env -p 8000:8000 -v dlm-media:/app/media digital-lm
# gunicorn answers pages and downloads only: /static/ and the images under /media/ are served by
# the front (deploy/front/nginx.conf mounts the collected static files and the media volume).

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install -r /tmp/requirements.txt
WORKDIR /app
COPY . .
# Static files and message catalogues are built into the image; the settings need keys and
# hosts (and e-mail) to load, which are throwaway values here and come from the environment at run time.
RUN DJANGO_SETTINGS_MODULE=digital_lm.settings.production \
    DJANGO_SECRET_KEY=build-only DLM_CREDENTIAL_KEY_SECRET=build-only \
    DJANGO_ALLOWED_HOSTS=build.invalid DLM_ALLOW_CONSOLE_EMAIL=1 \
    /venv/bin/python manage.py collectstatic --no-input -v0 \
    && DJANGO_SETTINGS_MODULE=digital_lm.settings.production \
    DJANGO_SECRET_KEY=build-only DLM_CREDENTIAL_KEY_SECRET=build-only \
    DJANGO_ALLOWED_HOSTS=build.invalid DLM_ALLOW_CONSOLE_EMAIL=1 \
    /venv/bin/python manage.py compilemessages --ignore=.venv -v0

FROM python:3.11-slim-bookworm
# Tesseract and its trained data for the seven languages read scanned pages (filetext).
# Share pictures draw Latin and Chinese titles with Noto (the site ships the Mekong scripts'
# fonts itself), shaped by FriBiDi; printable certificates draw every script with Debian's Noto
# (fpdf2 cannot read the site's WOFF2 files without Brotli).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 tesseract-ocr \
       tesseract-ocr-chi-sim tesseract-ocr-eng tesseract-ocr-tha tesseract-ocr-vie \
       tesseract-ocr-lao tesseract-ocr-khm tesseract-ocr-mya \
       fonts-noto-core fonts-noto-cjk libfribidi0 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --create-home --home-dir /home/dlm dlm
COPY --from=build /venv /venv
COPY --from=build --chown=dlm:dlm /app /app
WORKDIR /app
RUN mkdir -p /app/media && chown dlm:dlm /app/media
USER dlm
ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=digital_lm.settings.production \
    PORT=8000
EXPOSE 8000
# Threaded workers (digital_lm/gunicorn.conf.py says why): a download lasts as long as its client
# needs. PORT, WEB_CONCURRENCY (processes) and WEB_THREADS (threads each) size it.
CMD ["gunicorn", "--config", "digital_lm/gunicorn.conf.py", "digital_lm.wsgi:application"]

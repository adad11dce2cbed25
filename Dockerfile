# syntax=docker/dockerfile:1

# ---- builder: build the wheel and install it into a virtualenv -------------------------
FROM python:3.11-slim AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /src
RUN python -m venv /opt/venv
COPY . .
RUN /opt/venv/bin/pip install .

# ---- final: the venv and the source tree, no build tools, non-root ---------------------
FROM python:3.11-slim

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    BACKPROP_HOME=/app \
    BACKPROP_DB=/data/backprop.sqlite3 \
    NUMBA_CACHE_DIR=/tmp/numba-cache

# a CJK font, so Chinese text in screenshots and PDF prints does not fall back to boxes;
# any packaged version renders it, so it follows the base image's release unpinned
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home app \
    && mkdir -p /data \
    && chown 10001:10001 /data

COPY --from=builder /opt/venv /opt/venv
# templates/ and static/ sit beside the package; BACKPROP_HOME points the app at them
WORKDIR /app
COPY . .

USER 10001:10001
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]

CMD ["backprop-viz", "--host", "0.0.0.0", "--port", "8000"]

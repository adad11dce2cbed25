"""The backprop-viz command in shared mode prints a teacher link holding the teacher's secret."""

import os
import subprocess
import sys
import threading

import httpx

from .helpers import ROOT, free_port, wait_healthy


def start(tmp_path, *args: str, **env: str) -> tuple[subprocess.Popen, str, int]:
    """`python -m app.cli --shared` with these options; the process, the teacher link, port."""
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BACKPROP_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--shared", "--host", "127.0.0.1", "--port", str(port)]
        + ["--db", str(tmp_path / "c.sqlite3"), *args],
        cwd=ROOT,
        env={**clean, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    for line in proc.stdout:  # the link comes first, before uvicorn starts
        lines.append(line)
        if lines[-2:-1] and lines[-2].startswith("Teacher's view"):
            break
    proc.drain = threading.Thread(target=proc.stdout.read, daemon=True)  # the request log
    proc.drain.start()
    return proc, lines[-1].strip(), port


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
    proc.drain.join(timeout=10)  # the pipe ends with the process
    proc.stdout.close()


def test_the_printed_link_opens_the_class_and_survives_a_restart(tmp_path):
    proc, link, port = start(tmp_path)
    try:
        base = f"http://127.0.0.1:{port}"
        assert link.startswith(f"{base}/teacher#token=")
        token = link.split("#token=", 1)[1]
        wait_healthy(base, timeout=90, proc=proc)  # a loaded machine starts slowly
        with httpx.Client(base_url=base) as client:
            for _ in range(8):  # new connections: both workers answer some
                answer = client.get(
                    "/api/class",
                    headers={"Authorization": f"Bearer {token}", "Connection": "close"},
                )
                assert answer.status_code == 200, answer.text
            assert client.get("/api/class").status_code == 403
    finally:
        stop(proc)
    # another process on the same database (a restart, or a second worker): the same secret
    again, relink, _ = start(tmp_path)
    stop(again)
    assert relink.split("#token=", 1)[1] == token


def test_a_set_teacher_token_is_the_one_printed(tmp_path):
    proc, link, _ = start(tmp_path, BACKPROP_TEACHER_TOKEN="my-own-long-teacher-secret")
    stop(proc)
    assert link.endswith("/teacher#token=my-own-long-teacher-secret")

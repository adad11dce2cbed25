"""The server's numpy runs one BLAS thread: small matrices, and no thread wake-ups under load."""

from threadpoolctl import threadpool_info


def test_a_running_app_uses_one_blas_thread(client) -> None:
    assert client.get("/healthz").status_code == 200
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas, "numpy's BLAS is found"
    assert all(pool["num_threads"] == 1 for pool in blas)

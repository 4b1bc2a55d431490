"""The scheduled job releases expired allocations, as `flask pot verlopen` does."""

from wijkportaal.jobs import verloop_toekenningen_job


def test_job_runs_in_its_own_app_context(app, caplog):
    verloop_toekenningen_job(app)  # nothing to release: no error, nothing logged
    assert "vrijgegeven" not in caplog.text

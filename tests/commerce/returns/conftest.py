import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the code left for after its commit (e-mails, the refund
    task) at the end of the block, as a real commit would, in a test that never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)

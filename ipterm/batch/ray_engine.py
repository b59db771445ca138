"""The cluster path: the same tasks as Ray Data ``map_batches`` actors.

Ray schedules and moves the data; ipterm only supplies the per-batch
function.  Each actor builds the task's state once in its constructor (the
class form of ``map_batches``), so a glossary is loaded once per actor, not
per batch.  Install with ``pip install 'ipterm[ray]'``.
"""

from __future__ import annotations

from typing import Any

from ipterm.batch.tasks import TaskOptions, worker_state
from ipterm.errors import MissingDependencyError


class TaskActor:
    """Ray Data callable class: state in ``__init__``, one call per batch."""

    def __init__(self, options: TaskOptions) -> None:
        self.options = options
        self.run = worker_state(options)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        columns = {name: list(values) for name, values in batch.items()}
        columns.update(self.run(columns))
        return columns


def _ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise MissingDependencyError("ray", "ray", "The Ray engine") from exc
    return ray


def run_ray(
    dataset: Any, options: TaskOptions, *, num_proc: int = 2, batch_size: int = 2000
) -> Any:
    """Run ``options.task`` over a Hugging Face dataset with Ray Data; returns a Ray Dataset.

    Uses the Ray cluster the caller connected to (``ray.init(address=...)``),
    else starts a local one.
    """
    ray = _ray()
    if not ray.is_initialized():
        import logging

        ray.init(
            num_cpus=max(1, num_proc),
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.ERROR,
        )
    workers = max(1, num_proc)
    blocks = max(workers, -(-len(dataset) // max(1, batch_size)))
    ray_dataset = ray.data.from_huggingface(dataset, override_num_blocks=blocks)
    return ray_dataset.map_batches(
        TaskActor,
        fn_constructor_kwargs={"options": options},
        batch_size=batch_size,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=workers),
    )

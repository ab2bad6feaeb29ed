"""Extraction at scale: inputs split into partitions, run on a Dask cluster (or in this
process), written as a Parquet dataset of articles and statements.

``partitions`` plans and reads the pieces of the inputs, ``dataset`` runs one
partition and writes its part files, ``runner`` drives them on Dask. The
engine's batch function (``quotetrack.engine.batch``) is what each piece
calls; Spark or Ray can call it the same way. Needs the ``cluster`` extra
(dask, distributed, pyarrow, warcio), imported only when a run starts.
"""

from quotetrack.library.sources import CLUSTER_EXTRA


class ClusterError(Exception):
    """A run that cannot start or finish (a missing extra, an unusable output folder, a
    scheduler that cannot be reached); the message fits one line."""


def require(*modules: str) -> None:
    """Raise ClusterError naming the extra to install when one of ``modules`` is missing."""
    import importlib.util

    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise ClusterError("%s not installed: %s" % (", ".join(missing), CLUSTER_EXTRA))

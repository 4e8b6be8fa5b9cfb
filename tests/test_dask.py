"""emissions.frame unchanged under Dask: 10 million rows, 20 partitions, 2 local workers (issue 8).

The rows are generated on the workers, partition by partition, with the seed of the partition;
the same rows are generated in this process and computed in one pandas call. Every partition of
the Dask result must equal its slice of the in-memory result.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

from carbonaudit import emissions, factors
from carbonaudit._synthetic import activity_rows

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

N_PARTITIONS = 20
PER_PARTITION = 500_000


def _as_text(column: pd.Series) -> np.ndarray:
    """Values of a categorical (or object) column as an object array, without a per-row Python loop."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return np.asarray(column.cat.categories, dtype=object).take(column.cat.codes.to_numpy())
    return column.to_numpy(dtype=object)


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def test_ten_million_rows_on_two_workers_equal_pandas(client) -> None:  # type: ignore[no-untyped-def]
    fs = factors.load("tw-2024")  # the rows use natural_gas, one fuel in tw-2024 (NG1 or NG2 in tw-2025)
    assert len(client.scheduler_info()["workers"]) == 2

    make = functools.partial(activity_rows, PER_PARTITION)
    ddf = dd.from_map(make, range(N_PARTITIONS), meta=activity_rows(0, seed=0))
    assert ddf.npartitions == N_PARTITIONS
    fs_on_workers = client.scatter(fs, broadcast=True)  # one copy per worker: its cache is shared by its tasks
    out = ddf.map_partitions(emissions.frame, fs_on_workers, meta=emissions.frame(activity_rows(0, seed=0), fs))

    whole = pd.concat([make(i) for i in range(N_PARTITIONS)], ignore_index=True)
    expected = emissions.frame(whole, fs)
    assert len(expected) == N_PARTITIONS * PER_PARTITION >= 10_000_000

    futures = client.compute(out.to_delayed())
    rows = 0
    for i, future in enumerate(futures):
        got = future.result()
        want = expected.iloc[i * PER_PARTITION : (i + 1) * PER_PARTITION]
        assert len(got) == PER_PARTITION
        for column in emissions.FRAME_COLUMNS[:4]:
            np.testing.assert_array_equal(got[column].to_numpy(), want[column].to_numpy())
        for column in emissions.FRAME_COLUMNS[4:]:
            np.testing.assert_array_equal(_as_text(got[column]), _as_text(want[column]))
        rows += len(got)
        future.release()
    assert rows == len(expected)

    # and the lazy aggregate equals the in-memory one
    total = out["CO2e_kg"].sum().compute()
    assert total == pytest.approx(expected["CO2e_kg"].sum(), rel=1e-12)
    assert np.isfinite(total) and total > 0

"""Stopping a background task whose first cancellation is swallowed (as httpx's shielded connection clean-up
can do): it must still end, instead of running on after Ctrl+C."""

from __future__ import annotations

import asyncio

from sync.transport import stop_task


def test_a_task_that_swallows_a_cancellation_is_still_stopped() -> None:
    async def main() -> int:
        swallowed = 0

        async def stubborn() -> None:
            nonlocal swallowed
            while True:
                try:
                    await asyncio.sleep(3600)
                except asyncio.CancelledError:
                    swallowed += 1
                    if swallowed >= 3:
                        raise

        task = asyncio.create_task(stubborn())
        await asyncio.sleep(0)
        await asyncio.wait_for(stop_task(task), 10)
        assert task.cancelled()
        return swallowed

    assert asyncio.run(main()) == 3


def test_a_task_that_failed_is_collected_without_a_warning() -> None:
    async def main() -> None:
        async def broken() -> None:
            raise ValueError("broken")

        task = asyncio.create_task(broken())
        await asyncio.sleep(0)
        await stop_task(task)
        assert isinstance(task.exception(), ValueError)

    asyncio.run(main())

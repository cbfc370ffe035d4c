"""The fixed seed and the date anchor every demo generator shares."""

import random
from datetime import date, datetime, time

from home.clock import AMSTERDAM

SEED = 20_260_501
# Demo order numbers never collide with the ones checkout hands out.
ORDER_NUMBER_PREFIX = "DEMO-"


def rng(stage: str) -> random.Random:
    """An independent random stream per stage, so changing one stage never reshuffles another."""
    return random.Random(f"{SEED}:{stage}")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """An aware datetime on ``day`` at the given Amsterdam wall-clock time."""
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)

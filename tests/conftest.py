"""Shared test settings."""

from hypothesis import settings

# Property tests check behaviour, not speed (benchmarks measure speed): no per-example deadline,
# which a shared or cold CI machine would otherwise turn into flaky failures.
settings.register_profile("kg", deadline=None)
settings.load_profile("kg")

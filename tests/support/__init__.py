"""Helpers shared by the test suites (real emulator processes, not mocks)."""

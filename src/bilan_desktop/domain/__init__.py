"""The domain: pure Python (no Qt, no SQL). Today's date is always passed in."""

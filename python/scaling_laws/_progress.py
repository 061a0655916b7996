"""Progress of long calls on stderr, as the command line shows it:
"label: done/total, elapsed 3.1 s, about 12 s left".

Nothing is shown for calls shorter than `DELAY` seconds. On a terminal the
line is rewritten in place (at most five times a second); otherwise (logs,
pipes, notebooks' captured stderr) a plain line every `INTERVAL` seconds.
Work is done in pieces (chunks of points, or one Monte Carlo point), so
Ctrl-C stops a call between two pieces with KeyboardInterrupt.
"""
import sys
import time

DELAY = 2.0
INTERVAL = 5.0


def _format(seconds):
    if seconds < 60:
        return "%.1f s" % seconds
    if seconds < 3600:
        return "%d min %02d s" % divmod(int(seconds), 60)
    return "%d h %02d min" % (int(seconds) // 3600, int(seconds) % 3600 // 60)


class Progress:
    """A counter of `total` pieces of work, shown on stderr when `enabled`."""

    def __init__(self, label, total, enabled=True, stream=None):
        self.label, self.total, self.enabled = label, total, enabled and total > 1
        self.stream = stream if stream is not None else sys.stderr
        self.start = time.monotonic()
        self.done = 0
        self.shown = None  # when the line was last written
        try:
            self.terminal = self.stream.isatty()
        except (AttributeError, ValueError):
            self.terminal = False

    def status(self, elapsed):
        text = "%s: %d/%d, elapsed %s" % (self.label, self.done, self.total, _format(elapsed))
        if 0 < self.done < self.total:
            text += ", about %s left" % _format(elapsed / self.done * (self.total - self.done))
        return text

    def advance(self, pieces=1):
        self.done += pieces
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.start
        if elapsed < DELAY:
            return
        last = self.done >= self.total
        wait = 0.2 if self.terminal else INTERVAL
        if self.shown is not None and elapsed - self.shown < wait and not last:
            return
        self.shown = elapsed
        if self.terminal:
            self.stream.write("\r" + self.status(elapsed) + "\x1b[K" + ("\n" if last else ""))
        else:
            self.stream.write(self.status(elapsed) + "\n")
        self.stream.flush()

"""Live updates: wait for a server project's pushes (LISTEN/NOTIFY) and call `hint()` for each.

A notification is only a hint (it carries nothing; the sync reads the rows), so a lost one costs
nothing but a delay until the next poll.
"""

from __future__ import annotations

from collections.abc import Callable

from .connection import PasswordPrompt, connect
from .local_state import Remote
from .project import ServerProject


def listen(remote: Remote, hint: Callable[[], None], stopped: Callable[[], bool], *,
           prompt: PasswordPrompt | None = None, wait: float = 1.0) -> None:
    """Until `stopped()`: LISTEN on the project's channel, calling `hint()` on each notification.
    Raises ServerOffline / ServerError when the server cannot be reached or the connection drops."""
    with connect(remote.url, prompt=prompt, autocommit=True) as conn:
        server = ServerProject(conn, remote)
        conn.execute(f'LISTEN "{server.channel}"')
        while not stopped():
            for _note in conn.notifies(timeout=wait):
                hint()
                break  # one hint per wait is enough: the sync takes everything

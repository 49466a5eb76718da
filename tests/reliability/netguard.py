"""A guard that fails any attempt to reach the network from Python code in the test process.

`block_network` patches the socket module so that connecting, sending to, binding or resolving an
internet address (IPv4 or IPv6) raises `NetworkUsed`. Unix-domain sockets stay allowed: Qt and
D-Bus use them for local plumbing, which is no network connection. `strict=True` refuses every
socket, unix ones included (the command line needs none at all).
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest

_INTERNET = (socket.AF_INET, socket.AF_INET6)


class NetworkUsed(AssertionError):
    """Something tried to use the network; CloudWizard never may."""


def block_network(monkeypatch: pytest.MonkeyPatch, *, strict: bool = False, seen: list[str] | None = None) -> None:
    """Patch `socket` so any network use raises `NetworkUsed` (and is recorded in `seen`)."""

    def refuse(what: str) -> None:
        if seen is not None:
            seen.append(what)
        raise NetworkUsed(f"CloudWizard must not use the network, but something called {what}")

    def guarded(name: str) -> Callable[..., Any]:
        original = getattr(socket.socket, name)

        def method(self: socket.socket, *args: Any, **kwargs: Any) -> Any:
            if strict or self.family in _INTERNET:
                refuse(f"socket.{name}{args!r}")
            return original(self, *args, **kwargs)

        return method

    for name in ("connect", "connect_ex", "sendto", "sendmsg", "bind"):
        monkeypatch.setattr(socket.socket, name, guarded(name))

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        refuse(f"socket.create_connection({address!r})")

    def lookup(name: str) -> Callable[..., Any]:
        def resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
            refuse(f"socket.{name}({host!r})")

        return resolve

    monkeypatch.setattr(socket, "create_connection", create_connection)
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        monkeypatch.setattr(socket, name, lookup(name))
    if strict:
        original_init = socket.socket.__init__

        def init(self: socket.socket, *args: Any, **kwargs: Any) -> None:
            original_init(self, *args, **kwargs)
            family = self.family
            self.close()
            refuse(f"socket.socket(family={family!r})")

        monkeypatch.setattr(socket.socket, "__init__", init)

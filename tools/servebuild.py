"""Builds as ``mkdocs serve`` makes them, in this process: what the serve benchmark and its test share.

``mkdocs serve`` loads the config again for every build (``load_config``), keeps the
plugins that have an ``on_startup`` event (ours does) and calls MkDocs' ``build`` with the
address it serves on. :class:`ServeBuilds` does the same, without the HTTP server and the
file watcher, so a rebuild can be timed and its output compared with a fresh build's.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

SERVE_URL = "http://127.0.0.1:8000/"

__all__ = ["SERVE_URL", "ServeBuilds"]


@dataclass
class ServeBuilds:
    """The builds of one ``mkdocs serve`` of ``config_file`` into ``site_dir``.

    Each :meth:`build` returns (wall seconds, CPU seconds of this process) and records serve's
    log lines in :attr:`log`. :meth:`close` ends the serve (``on_shutdown``) and forgets the
    plugins, so a later :class:`ServeBuilds` starts as a fresh ``mkdocs serve`` would.
    """

    config_file: Path
    site_dir: Path
    log: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._config = None
        self._handler = _Lines(self.log)
        logger = logging.getLogger("mkdocs")
        self._level = logger.level
        logger.addHandler(self._handler)
        logger.setLevel(logging.INFO)  # as the mkdocs command sets it

    def _load(self):
        from mkdocs.config import load_config

        config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        return config

    def build(self) -> tuple[float, float]:
        from mkdocs.commands.build import build

        config = self._load()
        if self._config is None:
            config.plugins.on_startup(command="serve", dirty=False)
        self._config = config
        started, cpu = time.perf_counter(), time.process_time()
        build(config, serve_url=SERVE_URL)
        return time.perf_counter() - started, time.process_time() - cpu

    def close(self) -> None:
        from mkdocs.config.defaults import MkDocsConfig

        logger = logging.getLogger("mkdocs")
        logger.removeHandler(self._handler)
        logger.setLevel(self._level)
        if self._config is not None:
            self._config.plugins.on_shutdown()
        # MkDocs keeps plugins with on_startup for the whole process (as serve does between builds).
        MkDocsConfig.plugins.plugin_cache.clear()


class _Lines(logging.Handler):
    def __init__(self, lines: list[str]) -> None:
        super().__init__(logging.INFO)
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

"""Write ``conf/_intersphinx/python.inv``: where the Python docs document each name.

Pages link asyncio names to the official reference with roles such as
{py:func}`asyncio.gather`. Intersphinx resolves those from an inventory; the build
must not need a network, so the site reads this committed one. It is made offline by
looking the names up in a Python interpreter (``make inventory`` runs this with the
newest Python on the machine, so names from newer versions are included) and placing
each one on the page of docs.python.org that documents it. Python's own inventory
cannot be fetched here; where a network is available, compare with it by building
once with ``PYTHON_INVENTORY=https://docs.python.org/3/objects.inv``.

Usage: python conf/python_inventory.py [OUTPUT]
"""

from __future__ import annotations

import asyncio
import builtins
import importlib
import inspect
import sys
import zlib
from pathlib import Path

OUTPUT = Path(__file__).with_name("_intersphinx") / "python.inv"

#: asyncio's submodules and the page of the asyncio docs that documents their names.
ASYNCIO_PAGES = {
    "asyncio.tasks": "asyncio-task",
    "asyncio.taskgroups": "asyncio-task",
    "asyncio.timeouts": "asyncio-task",
    "asyncio.coroutines": "asyncio-task",
    "asyncio.threads": "asyncio-task",
    "asyncio.locks": "asyncio-sync",
    "asyncio.queues": "asyncio-queue",
    "asyncio.runners": "asyncio-runner",
    "asyncio.streams": "asyncio-stream",
    "asyncio.subprocess": "asyncio-subprocess",
    "asyncio.exceptions": "asyncio-exceptions",
    "asyncio.futures": "asyncio-future",
    "asyncio.base_futures": "asyncio-future",
    "asyncio.events": "asyncio-eventloop",
    "asyncio.base_events": "asyncio-eventloop",
    "asyncio.unix_events": "asyncio-policy",
    "asyncio.graph": "asyncio-graph",
    "asyncio.transports": "asyncio-protocol",
    "asyncio.protocols": "asyncio-protocol",
}
#: Names documented on another page than their module's.
ASYNCIO_OVERRIDES = {
    "asyncio.QueueEmpty": "asyncio-queue",
    "asyncio.QueueFull": "asyncio-queue",
    "asyncio.QueueShutDown": "asyncio-queue",
    "asyncio.BrokenBarrierError": "asyncio-sync",
    "asyncio.get_event_loop_policy": "asyncio-policy",
    "asyncio.set_event_loop_policy": "asyncio-policy",
    "asyncio.AbstractEventLoopPolicy": "asyncio-policy",
    "asyncio.DefaultEventLoopPolicy": "asyncio-policy",
    "asyncio.Server": "asyncio-eventloop",
    "asyncio.Handle": "asyncio-eventloop",
    "asyncio.TimerHandle": "asyncio-eventloop",
    "asyncio.AbstractEventLoop": "asyncio-eventloop",
    "asyncio.iscoroutine": "asyncio-task",
    "asyncio.Timeout": "asyncio-task",
    "asyncio.Task": "asyncio-task",
    "asyncio.Future": "asyncio-future",
    "asyncio.StreamReader": "asyncio-stream",
    "asyncio.StreamWriter": "asyncio-stream",
}
#: Standard-library modules documented on library/<module>.html.
MODULES = [
    "atexit",
    "collections",
    "collections.abc",
    "concurrent.futures",
    "contextlib",
    "contextvars",
    "dataclasses",
    "errno",
    "faulthandler",
    "functools",
    "gc",
    "hashlib",
    "heapq",
    "http.server",
    "inspect",
    "io",
    "itertools",
    "json",
    "logging",
    "math",
    "multiprocessing",
    "os",
    "pathlib",
    "pickle",
    "queue",
    "random",
    "resource",
    "selectors",
    "shlex",
    "signal",
    "socket",
    "socketserver",
    "sqlite3",
    "ssl",
    "statistics",
    "subprocess",
    "sys",
    "tempfile",
    "threading",
    "time",
    "traceback",
    "tracemalloc",
    "typing",
    "unittest",
    "unittest.mock",
    "urllib.request",
    "uuid",
    "warnings",
    "weakref",
    "zlib",
]
#: Classes that the Python docs document as functions (``.. function::``), so that
#: only the role the docs use resolves: {py:func}`contextlib.aclosing` links, and
#: {py:class}`contextlib.aclosing` fails the strict build, as it would against
#: Python's own inventory.
DOCUMENTED_AS_FUNCTIONS = {
    *(
        f"contextlib.{name}"
        for name in [
            "closing",
            "aclosing",
            "nullcontext",
            "suppress",
            "redirect_stdout",
            "redirect_stderr",
            "chdir",
        ]
    ),
    *(
        f"itertools.{name}"
        for name in [
            "accumulate",
            "batched",
            "chain",
            "combinations",
            "combinations_with_replacement",
            "compress",
            "count",
            "cycle",
            "dropwhile",
            "filterfalse",
            "groupby",
            "islice",
            "pairwise",
            "permutations",
            "product",
            "repeat",
            "starmap",
            "takewhile",
            "zip_longest",
        ]
    ),
    "functools.partial",
    *["enumerate", "filter", "map", "reversed", "zip"],
}
#: Members that exist at run time but that the docs do not document (or document
#: as unavailable): a link to one would have no target.
UNDOCUMENTED = {"asyncio.Task.set_result", "asyncio.Task.set_exception"}
#: Names from Python versions newer than the interpreter that writes the file, and
#: documented names that introspection does not find.
NEWER = {
    "asyncio.capture_call_graph": ("py:function", "asyncio-graph"),
    "asyncio.print_call_graph": ("py:function", "asyncio-graph"),
    "asyncio.format_call_graph": ("py:function", "asyncio-graph"),
    # Windows-only names, absent from the interpreter that writes the file here.
    "asyncio.ProactorEventLoop": ("py:class", "asyncio-eventloop"),
    "asyncio.WindowsSelectorEventLoopPolicy": ("py:class", "asyncio-policy"),
    "asyncio.WindowsProactorEventLoopPolicy": ("py:class", "asyncio-policy"),
    # Data attributes, which introspection cannot tell from other class data.
    "unittest.IsolatedAsyncioTestCase.loop_factory": ("py:attribute", "unittest"),
    "ssl.SSLCertVerificationError.verify_code": ("py:attribute", "ssl"),
    "ssl.SSLCertVerificationError.verify_message": ("py:attribute", "ssl"),
}


def kind(obj: object, *, member: bool = False) -> str | None:
    if inspect.isclass(obj):
        return "py:exception" if issubclass(obj, BaseException) else "py:class"
    if member and (
        inspect.isfunction(obj)
        or inspect.ismethoddescriptor(obj)
        or inspect.isbuiltin(obj)
    ):
        return "py:method"
    if inspect.isfunction(obj) or inspect.isbuiltin(obj) or callable(obj):
        return "py:function"
    return None


def members(cls: type, *, inherited: bool = False) -> dict[str, str]:
    """Public methods and properties of ``cls`` (and, if ``inherited``, of the bases
    that implement it, such as ``_ssl._SSLContext`` for ``ssl.SSLContext``)."""
    found = {}
    bases = [c for c in cls.__mro__ if c is not object] if inherited else [cls]
    namespace: dict[str, object] = {}
    for base in reversed(bases):
        namespace.update(vars(base))
    for name, value in namespace.items():
        if name.startswith("_"):
            continue
        if isinstance(value, property):
            found[name] = "py:attribute"
        elif isinstance(value, classmethod | staticmethod) or callable(value):
            found[name] = "py:method"
    return found


def entries() -> dict[str, tuple[str, str]]:
    """Full name -> (domain:role, page) for everything the inventory lists."""
    out: dict[str, tuple[str, str]] = {"asyncio": ("py:module", "asyncio")}
    for name in sorted(asyncio.__all__):
        obj = getattr(asyncio, name)
        full = f"asyncio.{name}"
        page = ASYNCIO_OVERRIDES.get(full) or ASYNCIO_PAGES.get(
            getattr(obj, "__module__", "")
        )
        if page is None:  # C-accelerated (_asyncio) names, and constants
            page = next(
                (
                    ASYNCIO_PAGES[module]
                    for module in ASYNCIO_PAGES
                    if name in getattr(sys.modules.get(module), "__all__", ())
                ),
                None,
            )
        role = kind(obj) or ("py:data" if name.isupper() else None)
        if page is None or role is None:
            continue
        out[full] = (role, page)
        if inspect.isclass(obj):
            for member, member_role in members(obj).items():
                out[f"{full}.{member}"] = (member_role, page)
    process = asyncio.subprocess.Process
    out["asyncio.subprocess.Process"] = ("py:class", "asyncio-subprocess")
    for member, role in members(process).items():
        out[f"asyncio.subprocess.Process.{member}"] = (role, "asyncio-subprocess")
    for name in ("PIPE", "STDOUT", "DEVNULL"):
        out[f"asyncio.subprocess.{name}"] = ("py:data", "asyncio-subprocess")
    # Event loop methods are documented as asyncio.loop.<name>.
    for member, role in members(asyncio.AbstractEventLoop).items():
        out[f"asyncio.loop.{member}"] = (role, "asyncio-eventloop")
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        out[module_name] = ("py:module", module_name)
        for name in getattr(module, "__all__", None) or dir(module):
            if name.startswith("_"):
                continue
            obj = getattr(module, name, None)
            role = kind(obj) or ("py:data" if name.isupper() else None)
            home = getattr(obj, "__module__", None) or module_name
            if role is None or home.split(".")[0] not in (
                module_name.split(".")[0],
                "_" + module_name,
                "builtins",
                "posix",
                "_socket",
                "_thread",
                "_sqlite3",
                "_signal",
            ):
                continue
            full = f"{module_name}.{name}"
            out[full] = (role, module_name)
            if inspect.isclass(obj):
                for member, member_role in members(obj, inherited=True).items():
                    out[f"{full}.{member}"] = (member_role, module_name)
    for name in dir(builtins):
        obj = getattr(builtins, name)
        if name.startswith("_"):
            continue
        if inspect.isclass(obj) and issubclass(obj, BaseException):
            out[name] = ("py:exception", "exceptions")
        elif inspect.isclass(obj):
            out[name] = ("py:class", "functions")
        elif callable(obj):
            out[name] = ("py:function", "functions")
    for full, (role, page) in NEWER.items():
        out.setdefault(full, (role, page))
    for full in DOCUMENTED_AS_FUNCTIONS & out.keys():
        out[full] = ("py:function", out[full][1])
    for full in UNDOCUMENTED:
        out.pop(full, None)
    return out


def write(path: Path = OUTPUT) -> int:
    lines = []
    for full, (role, page) in sorted(entries().items()):
        anchor = f"module-{full}" if role == "py:module" else "$"
        lines.append(f"{full} {role} 1 library/{page}.html#{anchor} -\n")
    header = (
        "# Sphinx inventory version 2\n"
        "# Project: Python\n"
        f"# Version: {sys.version_info.major}.{sys.version_info.minor}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header.encode() + zlib.compress("".join(lines).encode(), 9))
    return len(lines)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT
    print(f"{target}: {write(target)} names from Python {sys.version.split()[0]}")

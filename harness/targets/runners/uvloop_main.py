# Runs one case file with uvloop's event loop policy installed, as the
# program's real __main__ module: the case's globals then live and die as a
# script's do (a coroutine held in a module global is finalised at
# interpreter shutdown), which runpy's temporary module would change.
import sys


def _prepare():
    import asyncio

    import uvloop

    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    path = sys.argv[1]
    del sys.argv[0]
    with open(path, "rb") as f:
        code = compile(f.read(), path, "exec")
    namespace = sys.modules["__main__"].__dict__
    namespace["__file__"] = path
    del namespace["_prepare"]
    return code, namespace


exec(*_prepare())

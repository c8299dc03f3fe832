# ---
# title: Task.get_stack() is the coroutine's own frame (its def line before the first step), or the failed coroutine's traceback frames; print_stack() prints them as traceback.print_list() does, under "Stack for", "Traceback for" or "No stack for"
# clauses: [aio.task.9]
# source: "cpython-docs: asyncio — Task Object"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "not started: 1 frame"
#         - "Stack for <task> (most recent call last):"
#         - "  File ..., line 51, in worker"
#         - "    async def worker():"
#         - "suspended: 1 frame, with limit=0: 0"
#         - "Stack for <task> (most recent call last):"
#         - "  File ..., line 52, in worker"
#         - "    await inner()"
#         - "No stack for <task>"
#         - "failed: 1 frame"
#         - "Traceback for <task> (most recent call last):"
#         - "  File ..., line 56, in fails"
#         - "    raise ValueError(\"broken\")"
#         - "ValueError: broken"
#         - "No stack for <task>"
# ---
import asyncio


class Collect:
    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s


def show(task, limit):
    out = Collect()
    label = repr(task)
    task.print_stack(limit=limit, file=out)
    for line in out.text.replace(label, "<task>").splitlines():
        if line.startswith('  File "'):
            line = "  File ..." + line.split('"', 2)[2]
        print(line)


async def inner():
    await asyncio.sleep(1)


async def worker():
    await inner()


async def fails():
    raise ValueError("broken")


async def quick():
    return 1


async def main():
    t = asyncio.create_task(worker())
    print(f"not started: {len(t.get_stack())} frame")
    show(t, None)
    await asyncio.sleep(0)
    print(f"suspended: {len(t.get_stack())} frame, with limit=0: {len(t.get_stack(limit=0))}")
    show(t, None)
    show(t, 0)
    t.cancel()
    f = asyncio.create_task(fails())
    q = asyncio.create_task(quick())
    await asyncio.sleep(0)
    print(f"failed: {len(f.get_stack())} frame")
    show(f, None)
    f.exception()
    show(q, None)


asyncio.run(main())

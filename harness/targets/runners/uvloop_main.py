# Runs one case file as __main__ with uvloop's event loop policy installed,
# so every asyncio.run / new_event_loop in the case gets a uvloop loop.
import asyncio
import runpy
import sys

import uvloop

asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
case_path = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(case_path, run_name="__main__")

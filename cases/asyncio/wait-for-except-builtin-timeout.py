# ---
# title: an except clause naming the builtin TimeoutError catches a wait_for() timeout only from 3.11, where asyncio.TimeoutError is the builtin
# clauses: [aio.waitfor.3]
# source: "asyncio-guide: wait_for"
# expect:
#   - python: "<3.11"
#     completes: true
#     stdout: {exact: ["same class: False", "except TimeoutError missed it", "except asyncio.TimeoutError caught it"]}
#     warns: []
#   - python: ">=3.11"
#     completes: true
#     stdout: {exact: ["same class: True", "except TimeoutError caught it"]}
#     warns: []
# ---
import asyncio


async def main():
    print(f"same class: {asyncio.TimeoutError is TimeoutError}")
    try:
        try:
            await asyncio.wait_for(asyncio.sleep(1), timeout=0.02)
        except TimeoutError:
            print("except TimeoutError caught it")
    except asyncio.TimeoutError:
        print("except TimeoutError missed it")
        print("except asyncio.TimeoutError caught it")


asyncio.run(main())

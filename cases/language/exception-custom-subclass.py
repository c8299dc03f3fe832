# ---
# title: an uncaught user-defined Exception subclass prints its class name (module-qualified before 3.11) and message
# clauses: [lang.exc.4, lang.class.4]
# source: "cpython-docs: tutorial — User-defined Exceptions"
# expect:
#   - python: "<3.11"
#     raises: {type: __main__.QuotaExceeded, message: "user ann used 12 of 10"}
#     stdout:
#       exact:
#         - "AppError caught: QuotaExceeded('user ann used 12 of 10') user ann used 12 of 10"
#         - "args: ('user ann used 12 of 10',) used: 12"
#         - "is Exception: True"
#   - python: ">=3.11"
#     raises: {type: QuotaExceeded, message: "user ann used 12 of 10"}
#     stdout:
#       exact:
#         - "AppError caught: QuotaExceeded('user ann used 12 of 10') user ann used 12 of 10"
#         - "args: ('user ann used 12 of 10',) used: 12"
#         - "is Exception: True"
# ---
class AppError(Exception):
    pass


class QuotaExceeded(AppError):
    def __init__(self, user, used, limit):
        super().__init__(f"user {user} used {used} of {limit}")
        self.used = used


def charge():
    raise QuotaExceeded("ann", 12, 10)


try:
    charge()
except AppError as e:
    print("AppError caught:", repr(e), e)
    print("args:", e.args, "used:", e.used)
    print("is Exception:", isinstance(e, Exception))

charge()

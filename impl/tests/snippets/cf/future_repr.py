# the repr in each state, with the address masked
import concurrent.futures as cf


def shown(fut):
    text = repr(fut)
    return text.replace(hex(id(fut)), "ADDR")


a, b, c, d = cf.Future(), cf.Future(), cf.Future(), cf.Future()
out = [shown(a)]
b.set_running_or_notify_cancel()
out.append(shown(b))
c.cancel()
out.append(shown(c))
c.set_running_or_notify_cancel()
out.append(shown(c))
b.set_result([1])
out.append(shown(b))
d.set_exception(KeyError("k"))
out.append(shown(d))

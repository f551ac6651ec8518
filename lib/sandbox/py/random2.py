"""Python 2.7's `random` algorithms on top of Python 3's Mersenne Twister.

Open edX runs course code with the `random2` package (Python 2's random module). Seeding an int,
`random()`, `getrandbits()`, `uniform()`, `gauss()` and `normalvariate()` give the same values in
Python 2.7 and 3; the methods below do not, so they are written here from Python 2.7's documented
algorithms (int(random() * n) instead of Python 3's rejection sampling with getrandbits).
"""
import random as _py3random
from math import ceil as _ceil, log as _log

BPF = 53
_MAXWIDTH = 1 << BPF

__all__ = ["Random", "SystemRandom", "seed", "random", "uniform", "randint", "choice", "sample",
           "randrange", "shuffle", "expovariate", "getrandbits", "gauss", "normalvariate"]


class Random(_py3random.Random):
    def _randbelow_py2(self, n):
        # Python 2.7 Random._randbelow (random() and getrandbits() are the C ones here).
        k = int(1.00001 + _log(n - 1, 2.0))
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return r

    def randrange(self, start, stop=None, step=1):
        istart = int(start)
        if istart != start:
            raise ValueError("non-integer arg 1 for randrange()")
        if stop is None:
            if istart > 0:
                if istart >= _MAXWIDTH:
                    return self._randbelow_py2(istart)
                return int(self.random() * istart)
            raise ValueError("empty range for randrange()")
        istop = int(stop)
        if istop != stop:
            raise ValueError("non-integer stop for randrange()")
        width = istop - istart
        if step == 1 and width > 0:
            if width >= _MAXWIDTH:
                return int(istart + self._randbelow_py2(width))
            return int(istart + int(self.random() * width))
        if step == 1:
            raise ValueError("empty range for randrange() (%d,%d, %d)" % (istart, istop, width))
        istep = int(step)
        if istep != step:
            raise ValueError("non-integer step for randrange()")
        if istep > 0:
            n = (width + istep - 1) // istep
        elif istep < 0:
            n = (width + istep + 1) // istep
        else:
            raise ValueError("zero step for randrange()")
        if n <= 0:
            raise ValueError("empty range for randrange()")
        if n >= _MAXWIDTH:
            return istart + istep * self._randbelow_py2(n)
        return istart + istep * int(self.random() * n)

    def randint(self, a, b):
        return self.randrange(a, b + 1)

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def shuffle(self, x, random=None):
        if random is None:
            random = self.random
        for i in reversed(range(1, len(x))):
            j = int(random() * (i + 1))
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k):
        n = len(population)
        if not 0 <= k <= n:
            raise ValueError("sample larger than population")
        random = self.random
        result = [None] * k
        setsize = 21
        if k > 5:
            setsize += 4 ** _ceil(_log(k * 3, 4))
        if n <= setsize or hasattr(population, "keys"):
            pool = list(population)
            for i in range(k):
                j = int(random() * (n - i))
                result[i] = pool[j]
                pool[j] = pool[n - i - 1]
        else:
            try:
                selected = set()
                for i in range(k):
                    j = int(random() * n)
                    while j in selected:
                        j = int(random() * n)
                    selected.add(j)
                    result[i] = population[j]
            except (TypeError, KeyError):
                if isinstance(population, list):
                    raise
                return self.sample(tuple(population), k)
        return result

    def uniform(self, a, b):
        return a + (b - a) * self.random()

    def expovariate(self, lambd):
        random = self.random
        u = random()
        while u <= 1e-7:
            u = random()
        return -_log(u) / lambd


class SystemRandom(Random):
    def random(self):
        return _py3random.SystemRandom().random()

    def getrandbits(self, k):
        return _py3random.SystemRandom().getrandbits(k)


_inst = Random()
seed = _inst.seed
random = _inst.random
uniform = _inst.uniform
triangular = _inst.triangular
randint = _inst.randint
choice = _inst.choice
randrange = _inst.randrange
sample = _inst.sample
shuffle = _inst.shuffle
normalvariate = _inst.normalvariate
lognormvariate = _inst.lognormvariate
expovariate = _inst.expovariate
vonmisesvariate = _inst.vonmisesvariate
gammavariate = _inst.gammavariate
gauss = _inst.gauss
betavariate = _inst.betavariate
paretovariate = _inst.paretovariate
weibullvariate = _inst.weibullvariate
getstate = _inst.getstate
setstate = _inst.setstate
getrandbits = _inst.getrandbits

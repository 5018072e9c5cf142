#!/usr/bin/python3
# Reference values for tests/test_thermo.c, computed with mpmath (30 digits) from the equations in
# docs/thermo.md, independently of GSL.
import mpmath as m
m.mp.dps = 30
psi = m.digamma
kB = m.mpf('8.617333262e-2')
def ag(Tc0, a):
    f = lambda t: psi(m.mpf(1)/2 + a/(2*m.pi*kB*Tc0*t)) - psi(m.mpf(1)/2) + m.log(t)
    return Tc0*m.findroot(f, (m.mpf('1e-6'), 1), solver='anderson')
def zee(Tc0, h, t0):
    f = lambda t: -m.log(t) - (m.re(psi(m.mpf(1)/2 + 1j*h/(2*m.pi*kB*Tc0*t))) - psi(m.mpf(1)/2))
    return Tc0*m.findroot(f, t0)
def ising(Tc0, lam, T):
    f = lambda h: m.log(T/Tc0) + h**2/(h**2+lam**2)*(m.re(psi(m.mpf(1)/2 + 1j*m.sqrt(h**2+lam**2)/(2*m.pi*kB*T))) - psi(m.mpf(1)/2))
    return m.findroot(f, (m.mpf('1e-6'), 100), solver='anderson')
print("AG 7K 0.3meV", ag(7, m.mpf('0.3')))
print("AG 7K 0.5meV", ag(7, m.mpf('0.5')))
print("Zeeman 1K 0.05meV", zee(1, m.mpf('0.05'), 0.92))
print("Zeeman 1K 0.09meV", zee(1, m.mpf('0.09'), 0.65))
print("Ising 3K lam=2meV T=1K", ising(3, m.mpf(2), 1))
print("Ising 3K lam=2meV T=2.5K", ising(3, m.mpf(2), m.mpf('2.5')))

#!/usr/bin/python3
"""Reference fits for LogisticFitTest, computed with statsmodels (not by pls).

Reads the public-domain ANES 1996 extract that statsmodels ships (see SOURCE.md), makes five 0/1
indicators of it (as a model's rules are 0/1 "fired" indicators), and writes:

  anes96.csv        vote and the five indicators, one row per respondent (944 rows)
  anes96-fit.txt    the unpenalised fit (statsmodels Logit: coefficients and standard errors) and
                    the L2-penalised fit with lambda = 1 on the indicators, intercept unpenalised:
                    the minimum of -loglik + lambda/2 * sum(beta_j^2) found by scipy's BFGS on that
                    objective written out, checked against statsmodels GLM.fit_regularized (elastic
                    net, L1_wt = 0, alpha = lambda / n per indicator, 0 for the intercept), which
                    stops within about 1e-4; standard errors from the inverse of the penalised
                    Hessian X'WX + lambda * P at the solution. All to 4 decimals.

Run from this directory: /usr/bin/python3 reference_fit.py (Debian's python3-statsmodels).
"""
import numpy as np
import scipy
import scipy.optimize
import statsmodels
import statsmodels.api as sm
from statsmodels.datasets import anes96

LAMBDA = 1.0
d = anes96.load_pandas().data
cols = {
    "tv_daily": (d["TVnews"] >= 7),
    "graduate_degree": (d["educ"] >= 6),
    "over_50": (d["age"] >= 50),
    "income_35k": (d["income"] >= 17),
    "leans_republican": (d["PID"] >= 4),
}
names = list(cols)
X = np.column_stack([cols[n].astype(float).to_numpy() for n in names])
y = d["vote"].astype(float).to_numpy()
n = len(y)
Xc = sm.add_constant(X)

with open("anes96.csv", "w") as f:
    f.write("vote," + ",".join(names) + "\n")
    for i in range(n):
        f.write("%d,%s\n" % (int(y[i]), ",".join(str(int(v)) for v in X[i])))

plain = sm.Logit(y, Xc).fit(method="newton", tol=1e-12, maxiter=100, disp=False)

alpha = np.array([0.0] + [LAMBDA / n] * len(names))
pen = sm.GLM(y, Xc, family=sm.families.Binomial()).fit_regularized(
    method="elastic_net", alpha=alpha, L1_wt=0.0, cnvrg_tol=1e-14, maxiter=10000)
beta = pen.params
# A second, independent optimiser on the objective written out, to be sure of the 4th decimal.
def objective(b):
    z = Xc @ b
    return np.sum(np.logaddexp(0, z) - y * z) + LAMBDA / 2 * np.sum(b[1:] ** 2)
def gradient(b):
    return Xc.T @ (1 / (1 + np.exp(-Xc @ b)) - y) + LAMBDA * np.concatenate([[0.0], b[1:]])
check = scipy.optimize.minimize(objective, np.zeros(Xc.shape[1]), jac=gradient, method="BFGS",
                                options={"gtol": 1e-10, "maxiter": 10000})
# statsmodels' coordinate descent stops near 1e-4 of the optimum; BFGS on the exact objective
# is taken as the reference and must agree with it to that.
assert np.max(np.abs(check.x - beta)) < 5e-4, (check.x, beta)
beta = check.x
p = 1 / (1 + np.exp(-Xc @ beta))
H = Xc.T @ (Xc * (p * (1 - p))[:, None]) + np.diag([0.0] + [LAMBDA] * len(names))
se = np.sqrt(np.diag(np.linalg.inv(H)))
# The penalised gradient vanishes at the solution (a check that the optimiser converged).
grad = Xc.T @ (p - y) + np.diag([0.0] + [LAMBDA] * len(names)) @ beta
assert np.max(np.abs(grad)) < 1e-6, grad

with open("anes96-fit.txt", "w") as f:
    f.write("# statsmodels %s, scipy %s, numpy %s; see reference_fit.py and SOURCE.md\n"
            % (statsmodels.__version__, scipy.__version__, np.__version__))
    f.write("# fit term coefficient standard_error\n")
    for i, term in enumerate(["intercept"] + names):
        f.write("plain %s %.4f %.4f\n" % (term, plain.params[i], plain.bse[i]))
    for i, term in enumerate(["intercept"] + names):
        f.write("l2 %s %.4f %.4f\n" % (term, beta[i], se[i]))

"""Draw the favicon (assets/favicon.png) in the report palette: a ring and a dot, as in the logo."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Arc, Circle  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "assets" / "favicon.png"

fig = plt.figure(figsize=(0.64, 0.64), dpi=100)
ax = fig.add_axes((0, 0, 1, 1))
ax.set_xlim(-1, 1)
ax.set_ylim(-1, 1)
ax.axis("off")
ax.add_patch(Circle((0, 0), 0.78, fill=False, lw=4.5, color="#0072B2"))
ax.add_patch(Arc((0, 0), 1.56, 1.56, theta1=0, theta2=90, lw=4.5, color="#D55E00"))
ax.add_patch(Circle((0, 0), 0.25, color="#009E73"))
fig.savefig(OUT, transparent=True, metadata={"Software": None})
print(OUT)

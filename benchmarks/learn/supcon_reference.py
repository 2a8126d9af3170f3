"""PyTorch reference for the projection head and the supervised contrastive (SupCon) loss.

Builds a small fixed case (seeded numpy values): input rows, labels (one class with a single cell, so one anchor
has no positive), the head Linear(in->hidden, no bias) -> BatchNorm1d (training mode, eps 1e-5, momentum 0.1) ->
ReLU -> Linear(hidden->out) -> L2-normalise, and the loss with every cell an anchor, anchors without a positive
skipped, temperature 0.07: mean over anchors of -mean over positives of the log-softmax over all other cells.
Everything in float64. Writes inputs, loss, embeddings, gradients of every parameter and of the input, the
BatchNorm running statistics after the step, and the parameters after two training steps on the same rows with
torch.optim.Adam (lr 1e-3, weight decay 1e-6), as JSON.

Usage: /usr/bin/python3 supcon_reference.py OUTPUT_JSON
"""
import json
import sys

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(2020)
n, d_in, hidden, d_out, temperature = 10, 7, 6, 4, 0.07
x = rng.normal(0, 1, size=(n, d_in))
labels = [0, 1, 0, 2, 1, 0, 1, 2, 2, 3]
w1 = rng.normal(0, 0.5, size=(hidden, d_in))
gamma = rng.uniform(0.5, 1.5, size=hidden)
beta = rng.normal(0, 0.2, size=hidden)
w2 = rng.normal(0, 0.5, size=(d_out, hidden))
b2 = rng.normal(0, 0.1, size=d_out)

lin1 = torch.nn.Linear(d_in, hidden, bias=False)
bn = torch.nn.BatchNorm1d(hidden, eps=1e-5, momentum=0.1)
lin2 = torch.nn.Linear(hidden, d_out)
with torch.no_grad():
    lin1.weight.copy_(torch.tensor(w1))
    bn.weight.copy_(torch.tensor(gamma))
    bn.bias.copy_(torch.tensor(beta))
    lin2.weight.copy_(torch.tensor(w2))
    lin2.bias.copy_(torch.tensor(b2))
bn.train()
xt = torch.tensor(x, requires_grad=True)
z = torch.nn.functional.normalize(lin2(torch.relu(bn(lin1(xt)))), dim=1)
z.retain_grad()


def supcon(features, y, t):
    y = torch.tensor(y)
    count = features.shape[0]
    logits = features @ features.T / t
    self_mask = torch.eye(count, dtype=torch.bool)
    logits = logits.masked_fill(self_mask, float("-inf"))
    log_prob = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    positives = (y[:, None] == y[None, :]) & ~self_mask
    n_pos = positives.sum(1)
    valid = n_pos > 0
    per_anchor = -(log_prob.masked_fill(~positives, 0.0)).sum(1)[valid] / n_pos[valid]
    return per_anchor.mean()


loss = supcon(z, labels, temperature)
loss.backward()
out = {
    "temperature": temperature,
    "labels": labels,
    "x": x.tolist(), "w1": w1.tolist(), "gamma": gamma.tolist(), "beta": beta.tolist(),
    "w2": w2.tolist(), "b2": b2.tolist(),
    "loss": loss.item(),
    "z": z.detach().numpy().tolist(),
    "grad_z": z.grad.numpy().tolist(),
    "grad_x": xt.grad.numpy().tolist(),
    "grad_w1": lin1.weight.grad.numpy().tolist(),
    "grad_gamma": bn.weight.grad.numpy().tolist(),
    "grad_beta": bn.bias.grad.numpy().tolist(),
    "grad_w2": lin2.weight.grad.numpy().tolist(),
    "grad_b2": lin2.bias.grad.numpy().tolist(),
    "running_mean": bn.running_mean.numpy().tolist(),
    "running_var": bn.running_var.numpy().tolist(),
}
opt = torch.optim.Adam([*lin1.parameters(), *bn.parameters(), *lin2.parameters()], lr=1e-3, weight_decay=1e-6)
opt.step()
opt.zero_grad()
supcon(torch.nn.functional.normalize(lin2(torch.relu(bn(lin1(xt)))), dim=1), labels, temperature).backward()
opt.step()
out["after_two_adam_steps"] = {
    "w1": lin1.weight.detach().numpy().tolist(),
    "gamma": bn.weight.detach().numpy().tolist(),
    "beta": bn.bias.detach().numpy().tolist(),
    "w2": lin2.weight.detach().numpy().tolist(),
    "b2": lin2.bias.detach().numpy().tolist(),
}
with open(sys.argv[1], "w") as f:
    json.dump(out, f)

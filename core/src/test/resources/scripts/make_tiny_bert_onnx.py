"""Writes the tiny BERT fixtures of the user-ONNX tests (OnnxModelTest).

A 2-layer BERT encoder with random weights (hidden 16, 2 heads, vocabulary of 30 word pieces), written in plain
torch, exported with torch.onnx in four variants that share the weights:
  model.onnx              inputs input_ids, attention_mask, token_type_ids; outputs pooler_output (2-d) and
                          last_hidden_state (3-d), in that order, so the 3-d output must be found by its name
  model-two-inputs.onnx   inputs input_ids, attention_mask; one 3-d output named token_vectors
  model-image-input.onnx  an extra float input pixel_values (not a text model)
  model-pooled-only.onnx  only the 2-d pooler_output (no token vectors to pool)
plus tokenizer.json (WordPiece, BERT normalizer, truncation to 16 tokens) and expected.json: for each text the
hand-written word pieces, their ids and the torch model's CLS and mean pooled, L2-normalised vectors.

Run with Debian's interpreter (python3-torch, no network):
  /usr/bin/python3 make_tiny_bert_onnx.py ../io/github/scllm/core/embed/local/tinybert
"""
import json
import math
import os
import sys

import torch
from torch import nn

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cell", "gene", "protein", "receptor", "t", "b",
         "cd", "##3", "##e", "##d", "albumin", "blood", "plasma", "liver", "immune", "signal", "encodes", "a", "of",
         "in", "and", ".", ",", "-"]
HIDDEN, HEADS, INTERMEDIATE, LAYERS, MAX_POSITIONS, MAX_LENGTH = 16, 2, 32, 2, 64, 16

# texts and their word pieces, worked out by hand from VOCAB (lower-cased, punctuation split, greedy WordPiece)
TEXTS = [
    ("The T-cell receptor.", ["the", "t", "-", "cell", "receptor", "."]),
    ("Albumin in blood plasma", ["albumin", "in", "blood", "plasma"]),
    ("CD3E encodes a protein of the immune signal", ["cd", "##3", "##e", "encodes", "a", "protein", "of", "the",
                                                     "immune", "signal"]),
    ("CD3D, liver", ["cd", "##3", "##d", ",", "liver"]),
    ("gene " * 20, ["gene"] * 14),  # truncated: 14 pieces + [CLS] + [SEP] = 16
]


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(HIDDEN, HIDDEN) for _ in range(4))
        self.norm1 = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.up = nn.Linear(HIDDEN, INTERMEDIATE)
        self.down = nn.Linear(INTERMEDIATE, HIDDEN)
        self.norm2 = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, x, additive_mask):
        b, s, _ = x.shape
        d = HIDDEN // HEADS

        def heads(t):
            return t.view(b, s, HEADS, d).transpose(1, 2)

        scores = heads(self.q(x)) @ heads(self.k(x)).transpose(-1, -2) / math.sqrt(d) + additive_mask
        context = (scores.softmax(-1) @ heads(self.v(x))).transpose(1, 2).reshape(b, s, HIDDEN)
        x = self.norm1(x + self.o(context))
        return self.norm2(x + self.down(nn.functional.gelu(self.up(x))))


class TinyBert(nn.Module):
    def __init__(self):
        super().__init__()
        self.words = nn.Embedding(len(VOCAB), HIDDEN)
        self.positions = nn.Embedding(MAX_POSITIONS, HIDDEN)
        self.types = nn.Embedding(2, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
        self.pool = nn.Linear(HIDDEN, HIDDEN)

    def encode(self, input_ids, attention_mask, token_type_ids):
        positions = torch.arange(input_ids.shape[1]).unsqueeze(0)
        x = self.norm(self.words(input_ids) + self.positions(positions) + self.types(token_type_ids))
        additive = (1.0 - attention_mask[:, None, None, :].float()) * -10000.0
        for layer in self.layers:
            x = layer(x, additive)
        return x

    def pooled(self, hidden):
        return torch.tanh(self.pool(hidden[:, 0]))


class Full(nn.Module):
    def __init__(self, bert):
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask, token_type_ids):
        hidden = self.bert.encode(input_ids, attention_mask, token_type_ids)
        return self.bert.pooled(hidden), hidden


class TwoInputs(Full):
    def forward(self, input_ids, attention_mask):
        return self.bert.encode(input_ids, attention_mask, torch.zeros_like(input_ids))


class ImageInput(Full):
    def forward(self, input_ids, attention_mask, pixel_values):
        hidden = self.bert.encode(input_ids, attention_mask, torch.zeros_like(input_ids))
        return hidden + pixel_values.sum()


class PooledOnly(Full):
    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.bert.pooled(self.bert.encode(input_ids, attention_mask, token_type_ids))


def export(module, args, names, outputs, path):
    axes = {name: {0: "batch", 1: "tokens"} for name in names if name != "pixel_values"}
    axes.update({name: {0: "batch", 1: "tokens"} if name != "pooler_output" else {0: "batch"} for name in outputs})
    torch.onnx.export(module, args, path, input_names=names, output_names=outputs, dynamic_axes=axes,
                      opset_version=14, do_constant_folding=True)


def tokenizer_json():
    return {
        "version": "1.0",
        "truncation": {"direction": "Right", "max_length": MAX_LENGTH, "strategy": "LongestFirst", "stride": 0},
        "padding": None,
        "added_tokens": [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for i, t in enumerate(VOCAB[:5])],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {"type": "TemplateProcessing",
                           "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                                      {"Sequence": {"id": "A", "type_id": 0}},
                                      {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                           "pair": [],
                           "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                                              "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": {t: i for i, t in enumerate(VOCAB)}},
    }


def normalised(v):
    return (v / v.norm()).tolist()


def main(out):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(20240607)
    bert = TinyBert().eval()
    example = (torch.tensor([[2, 5, 6, 3]]), torch.ones(1, 4, dtype=torch.long), torch.zeros(1, 4, dtype=torch.long))
    with torch.no_grad():
        export(Full(bert), example, ["input_ids", "attention_mask", "token_type_ids"],
               ["pooler_output", "last_hidden_state"], os.path.join(out, "model.onnx"))
        export(TwoInputs(bert), example[:2], ["input_ids", "attention_mask"], ["token_vectors"],
               os.path.join(out, "model-two-inputs.onnx"))
        export(ImageInput(bert), example[:2] + (torch.zeros(1, 3),), ["input_ids", "attention_mask", "pixel_values"],
               ["last_hidden_state"], os.path.join(out, "model-image-input.onnx"))
        export(PooledOnly(bert), example, ["input_ids", "attention_mask", "token_type_ids"], ["pooler_output"],
               os.path.join(out, "model-pooled-only.onnx"))

        expected = []
        for text, pieces in TEXTS:
            ids = [2] + [VOCAB.index(p) for p in pieces] + [3]
            input_ids = torch.tensor([ids])
            hidden = bert.encode(input_ids, torch.ones_like(input_ids), torch.zeros_like(input_ids))[0]
            expected.append({"text": text, "pieces": pieces, "ids": ids,
                             "cls": normalised(hidden[0]), "mean": normalised(hidden.mean(0))})
    with open(os.path.join(out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer_json(), f, indent=1)
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({"torch": torch.__version__, "hidden": HIDDEN, "texts": expected}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")

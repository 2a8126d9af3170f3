#!/usr/bin/env python3
"""Writes the official gene symbols of human and mouse that the build ships, from NCBI gene_info files.

Gene description lookup uses these lists to refuse taking an official symbol as another gene's alias when the user
gives no gene_info file. NCBI Gene data are public domain. Regulatory regions (type_of_gene "biological-region") are
left out: no count matrix measures them, and they are 40 % of the human file.

usage: make_official_symbols.py 9606 Homo_sapiens.gene_info.gz 10090 Mus_musculus.gene_info.gz
(the human file also holds a few genes of archaic humans, taxa 63221 and 741158; only the named taxon is kept)
"""
import gzip
import os
import sys

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "github", "scllm", "core", "genes")


def official_symbols(path, taxon):
    symbols = set()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        tax, sym, kind = header.index("#tax_id"), header.index("Symbol"), header.index("type_of_gene")
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if fields[tax] == taxon and fields[kind] != "biological-region" and fields[sym] not in ("", "-"):
                symbols.add(fields[sym])
    if not symbols:
        sys.exit(f"{path}: no gene of taxon {taxon}")
    return sorted(symbols)


def main(args):
    for taxon, path in zip(args[0::2], args[1::2]):
        symbols = official_symbols(path, taxon)
        target = os.path.join(OUT, f"official_symbols_{taxon}.txt.gz")
        # mtime=0: the same input gives byte-identical output
        with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
            gz.write(("\n".join(symbols) + "\n").encode("utf-8"))
        print(f"{target}: {len(symbols)} symbols of taxon {taxon}")


if __name__ == "__main__":
    if len(sys.argv) < 3 or len(sys.argv) % 2 == 0:
        sys.exit(__doc__)
    main(sys.argv[1:])

"""Writes demo/pbmc_demo_descriptions.tsv: a small gene description table for the genes of demo/pbmc_demo.h5ad, so
that the offline demo needs no NCBI access.

Identity columns (GeneID, official full name, synonyms, Ensembl ID) are facts taken from an NCBI gene_info file for
human (Homo_sapiens.gene_info or .gz, from NCBI's gene FTP area) given on the command line. The summary column holds
one short sentence per gene written for this project (not NCBI's text); it is empty where no statement was made.

    /usr/bin/python3 demo/make_descriptions.py --gene-info Homo_sapiens.gene_info.gz

Needs Debian's python3-anndata (to list the genes of the demo file).
"""
import argparse
import gzip
import os

import anndata

HERE = os.path.dirname(os.path.abspath(__file__))

# One short factual statement per gene, written for this project. Empty: no statement.
SUMMARY = {
    "ACTB": "Cytoplasmic beta-actin, a cytoskeletal protein of all cells; a highly expressed housekeeping gene.",
    "GAPDH": "Glycolytic enzyme that oxidises glyceraldehyde 3-phosphate; a housekeeping gene.",
    "B2M": "Light chain of MHC class I molecules, present on nearly all nucleated cells.",
    "TMSB4X": "Small peptide that sequesters actin monomers; abundant in blood cells.",
    "MALAT1": "Long non-coding RNA kept in the nucleus; abundant in most cell types.",
    "EEF1A1": "Translation elongation factor that brings aminoacyl-tRNAs to the ribosome.",
    "TPT1": "Conserved, abundant protein involved in cell growth and survival.",
    "FTL": "Light subunit of ferritin, the intracellular iron store.",
    "FTH1": "Heavy subunit of ferritin, with ferroxidase activity.",
    "UBB": "Polyubiquitin precursor, a source of ubiquitin for protein degradation and signalling.",
    "RPL3": "Protein of the large (60S) ribosomal subunit.",
    "RPL13": "Protein of the large (60S) ribosomal subunit.",
    "RPS3": "Protein of the small (40S) ribosomal subunit, also active in DNA repair.",
    "RPS6": "Protein of the small (40S) ribosomal subunit, phosphorylated downstream of mTOR.",
    "RPS27A": "Precursor that fuses ubiquitin to ribosomal protein S27a of the small subunit.",
    "RPL32": "Protein of the large (60S) ribosomal subunit.",
    "MT-CO1": "Mitochondrially encoded subunit I of cytochrome c oxidase (respiratory complex IV).",
    "MT-ND1": "Mitochondrially encoded subunit of NADH dehydrogenase (respiratory complex I).",
    "MT-CYB": "Mitochondrially encoded cytochrome b of respiratory complex III.",
    "MT-ATP6": "Mitochondrially encoded subunit a of ATP synthase, part of its proton channel.",
    "CD3D": "Delta chain of the CD3 complex that signals for the T-cell receptor; a T cell marker.",
    "CD3E": "Epsilon chain of the CD3 complex that signals for the T-cell receptor; a T cell marker.",
    "IL7R": "Alpha chain of the interleukin-7 receptor, needed for T cell development and survival; high on naive "
            "and memory T cells.",
    "CD4": "Co-receptor that binds MHC class II; marks helper T cells and is also found on monocytes.",
    "LTB": "Lymphotoxin beta, a membrane cytokine of the TNF family made by lymphocytes.",
    "CCR7": "Chemokine receptor that guides naive and central memory T cells and dendritic cells to lymph nodes.",
    "TCF7": "Transcription factor TCF-1 of the Wnt pathway, important for T cell development and memory.",
    "MAL": "Proteolipid of lipid rafts found in T cells and myelin-forming cells.",
    "CD8A": "Alpha chain of CD8, the co-receptor that binds MHC class I on cytotoxic T cells.",
    "CD8B": "Beta chain of CD8, the co-receptor that binds MHC class I on cytotoxic T cells.",
    "GZMK": "Granzyme K, a serine protease of cytotoxic granules; high in some CD8 T cells and NK cells.",
    "CCL5": "Chemokine RANTES, secreted by T cells and NK cells, that attracts leukocytes.",
    "CD2": "Adhesion and co-stimulatory receptor of T and NK cells that binds CD58.",
    "LAG3": "Inhibitory receptor that binds MHC class II; on activated and exhausted T cells and on NK cells.",
    "MS4A1": "CD20, a membrane protein of B cells; a B cell marker and the target of rituximab.",
    "CD79A": "Ig-alpha, a signalling chain of the B-cell antigen receptor.",
    "CD79B": "Ig-beta, a signalling chain of the B-cell antigen receptor.",
    "CD19": "Co-receptor of the B-cell antigen receptor, expressed throughout B cell development.",
    "BANK1": "Scaffold protein of B cells that regulates calcium signalling after B-cell receptor stimulation.",
    "HLA-DRA": "Alpha chain of HLA-DR, an MHC class II molecule that presents peptides to CD4 T cells.",
    "CD74": "Invariant chain that guides assembly and transport of MHC class II; also a receptor for MIF.",
    "TCL1A": "AKT coactivator expressed in naive B cells and early lymphocytes; an oncogene in T-cell "
             "prolymphocytic leukaemia.",
    "GNLY": "Granulysin, a cytolytic and antimicrobial protein of NK cell and cytotoxic T cell granules.",
    "NKG7": "Granule membrane protein of NK cells and cytotoxic T cells that promotes release of cytotoxic granules.",
    "KLRD1": "CD94, a lectin-like receptor that pairs with NKG2 proteins on NK cells and some T cells.",
    "PRF1": "Perforin, the pore-forming protein of NK cell and cytotoxic T cell granules.",
    "GZMB": "Granzyme B, a serine protease of cytotoxic granules that triggers apoptosis of target cells.",
    "FCGR3A": "CD16a, a low-affinity IgG Fc receptor of NK cells and non-classical monocytes that mediates "
              "antibody-dependent cytotoxicity.",
    "KLRF1": "NKp80, an activating lectin-like receptor of NK cells.",
    "CTSW": "Cathepsin W, a cysteine protease of NK cells and cytotoxic T cells.",
    "CD14": "Co-receptor for bacterial lipopolysaccharide; high on classical monocytes.",
    "LYZ": "Lysozyme, an antibacterial enzyme abundant in monocytes and granulocytes.",
    "S100A8": "Calcium-binding protein that forms calprotectin with S100A9; abundant in neutrophils and monocytes.",
    "S100A9": "Calcium-binding protein that forms calprotectin with S100A8; abundant in neutrophils and monocytes.",
    "VCAN": "Versican, a large chondroitin sulfate proteoglycan; expressed by classical monocytes.",
    "FCN1": "Ficolin-1, a pattern-recognition protein of monocytes and granulocytes that activates the lectin "
            "complement pathway.",
    "CST3": "Cystatin C, a secreted cysteine protease inhibitor; high in myeloid and dendritic cells.",
    "LGALS2": "Galectin-2, a beta-galactoside-binding lectin.",
    "MS4A7": "Membrane protein of the MS4A family expressed in monocytes and macrophages.",
    "LST1": "Membrane protein encoded in the MHC class III region, expressed in leukocytes, especially monocytes.",
    "AIF1": "Iba1, an actin- and calcium-binding protein of monocytes, macrophages and microglia.",
    "IFITM3": "Interferon-induced membrane protein that restricts cell entry of enveloped viruses.",
    "FCER1G": "Common gamma chain of Fc receptors, an ITAM signalling adaptor of myeloid and NK cells.",
    "FCER1A": "Alpha chain of the high-affinity IgE receptor, on mast cells, basophils and dendritic cells.",
    "CLEC10A": "C-type lectin CD301 that binds galactose and N-acetylgalactosamine; marks CD1c+ dendritic cells.",
    "CD1C": "Non-classical antigen-presenting molecule for lipid antigens; a marker of type 2 conventional "
            "dendritic cells.",
    "HLA-DQA1": "Alpha chain of HLA-DQ, an MHC class II molecule of antigen-presenting cells.",
    "ITGAX": "CD11c, the integrin alpha X chain; high on dendritic cells and monocytes.",
    "PPBP": "Pro-platelet basic protein, the platelet precursor of the chemokine CXCL7.",
    "PF4": "Platelet factor 4 (CXCL4), a heparin-binding chemokine released from platelet alpha granules.",
    "GP9": "Glycoprotein IX, part of the platelet GPIb-IX-V complex that binds von Willebrand factor.",
    "ITGA2B": "Integrin alpha IIb (CD41), which with integrin beta 3 forms the platelet fibrinogen receptor.",
    "TUBB1": "Beta-tubulin isotype of megakaryocytes and platelets.",
    "SPARC": "Osteonectin, a secreted matricellular glycoprotein that binds collagen and calcium; stored in platelets.",
    "GNG11": "Gamma subunit of heterotrimeric G proteins.",
    "CLU": "Clusterin, a secreted chaperone glycoprotein.",
    "ACTG1": "Cytoplasmic gamma-actin, a cytoskeletal protein of all cells.",
    "ALDOA": "Aldolase A, the glycolytic enzyme that cleaves fructose 1,6-bisphosphate.",
    "ANXA1": "Annexin A1, a calcium-dependent phospholipid-binding protein that mediates anti-inflammatory effects "
             "of glucocorticoids.",
    "ARHGDIB": "Inhibitor of GDP dissociation from Rho GTPases, abundant in blood cells.",
    "ATP5F1E": "Epsilon subunit of the F1 part of mitochondrial ATP synthase.",
    "BTG1": "Anti-proliferative protein that regulates cell growth and differentiation.",
    "CALM1": "Calmodulin, the main intracellular calcium sensor (one of three genes for the same protein).",
    "CALM2": "Calmodulin, the main intracellular calcium sensor (one of three genes for the same protein).",
    "CD37": "Tetraspanin expressed mainly on B cells.",
    "CD52": "GPI-anchored glycoprotein of lymphocytes and monocytes; the target of alemtuzumab.",
    "CD53": "Tetraspanin of leukocytes.",
    "CFL1": "Cofilin-1, which severs and depolymerises actin filaments.",
    "COTL1": "F-actin-binding protein that also binds 5-lipoxygenase.",
    "CORO1A": "Coronin 1A, an actin-binding protein of leukocytes needed for T cell survival and migration.",
    "CXCR4": "Receptor of the chemokine CXCL12; a co-receptor for HIV entry.",
    "CYBA": "p22phox, the light chain of the phagocyte NADPH oxidase.",
    "DDX5": "DEAD-box RNA helicase p68, involved in splicing and transcription regulation.",
    "DUSP1": "Phosphatase that inactivates MAP kinases; an immediate early stress-response gene.",
    "EIF1": "Translation initiation factor that helps to select the start codon.",
    "EMP3": "Membrane glycoprotein of the PMP22 family.",
    "ENO1": "Alpha-enolase, the glycolytic enzyme that converts 2-phosphoglycerate to phosphoenolpyruvate.",
    "FAU": "Precursor that fuses a ubiquitin-like protein to ribosomal protein S30.",
    "FOS": "Immediate early gene; a subunit of the AP-1 transcription factor with JUN proteins.",
    "FXYD5": "Dysadherin, a regulator of the Na,K-ATPase.",
    "GMFG": "Member of the ADF-homology family of actin regulators, expressed in blood and endothelial cells.",
    "GNAI2": "Alpha subunit of inhibitory Gi proteins, which inhibit adenylyl cyclase.",
    "H3-3B": "One of two genes for histone H3.3, a replication-independent histone variant.",
    "HCST": "DAP10, the signalling adaptor of the activating receptor NKG2D.",
    "HINT1": "Purine nucleotide-binding hydrolase of the histidine triad family.",
    "HNRNPA1": "RNA-binding protein that regulates pre-mRNA splicing and mRNA export.",
    "HSP90AA1": "Stress-inducible form of the Hsp90 molecular chaperone.",
    "HSPA8": "Constitutive Hsc70 chaperone, active in protein folding and chaperone-mediated autophagy.",
    "IFITM2": "Interferon-induced membrane protein that restricts virus entry.",
    "ISG15": "Ubiquitin-like protein induced by type I interferon and conjugated to target proteins.",
    "JUN": "Immediate early gene; a subunit of the AP-1 transcription factor.",
    "JUNB": "Immediate early gene; a subunit of the AP-1 transcription factor.",
    "KLF2": "Kruppel-like transcription factor that keeps T cells quiescent and controls their trafficking.",
    "KLF6": "Kruppel-like zinc finger transcription factor and tumour suppressor.",
    "LAPTM5": "Lysosomal transmembrane protein of blood cells.",
    "LCP1": "L-plastin, an actin-bundling protein of leukocytes.",
    "LDHB": "Subunit B of lactate dehydrogenase, which interconverts lactate and pyruvate.",
    "MYL6": "Essential light chain of non-muscle and smooth muscle myosin.",
    "MYL12A": "Regulatory light chain of non-muscle myosin II.",
    "NACA": "Alpha subunit of the nascent polypeptide-associated complex, which binds new chains leaving the ribosome.",
    "NPM1": "Nucleophosmin, a nucleolar phosphoprotein of ribosome biogenesis; often mutated in acute myeloid "
            "leukaemia.",
    "OAZ1": "Antizyme that inhibits ornithine decarboxylase; made by programmed ribosomal frameshifting.",
    "PFN1": "Profilin-1, an actin-monomer-binding protein that promotes filament growth.",
    "PPIA": "Cyclophilin A, a peptidyl-prolyl isomerase that binds cyclosporin A.",
    "PTMA": "Prothymosin alpha, an acidic nuclear protein linked to cell proliferation.",
    "PTPRC": "CD45, a receptor tyrosine phosphatase of all nucleated blood cells, needed for antigen receptor "
             "signalling.",
    "RAC2": "Rho-family GTPase of blood cells that regulates the NADPH oxidase and the actin cytoskeleton.",
    "RACK1": "Scaffold for activated protein kinase C; also a protein of the small ribosomal subunit.",
    "S100A4": "Calcium-binding protein of the S100 family linked to cell motility.",
    "S100A6": "Calcyclin, a calcium-binding protein of the S100 family linked to cell proliferation.",
    "S100A10": "p11, a calcium-binding protein of the S100 family that binds annexin A2.",
    "S100A11": "Calcium-binding protein of the S100 family.",
    "SAT1": "Rate-limiting enzyme of polyamine catabolism, which acetylates spermidine and spermine.",
    "SERF2": "",
    "SH3BGRL3": "",
    "SRGN": "Serglycin, the proteoglycan that stores proteases and mediators in secretory granules of blood cells.",
    "SRSF5": "Serine/arginine-rich protein that regulates pre-mRNA splicing.",
    "TMSB10": "Small peptide that sequesters actin monomers.",
    "TXNIP": "Protein that binds and inhibits thioredoxin; induced by glucose.",
    "TYROBP": "DAP12, an ITAM signalling adaptor of activating receptors on NK and myeloid cells.",
    "UBA52": "Precursor that fuses ubiquitin to ribosomal protein L40 of the large subunit.",
    "UBC": "Polyubiquitin precursor, a main source of cellular ubiquitin; induced by stress.",
    "VIM": "Vimentin, the type III intermediate filament of mesenchymal and blood cells.",
    "YBX1": "Nucleic acid-binding protein that regulates transcription, translation and mRNA stability.",
    "ZFP36": "Tristetraprolin, which binds AU-rich elements and speeds the decay of mRNAs such as that of TNF.",
    "ZFP36L2": "Zinc finger protein that binds AU-rich elements and speeds mRNA decay.",
    "ARPC1B": "Subunit of the Arp2/3 complex, which nucleates branched actin filaments; the blood-cell isoform.",
    "ARPC2": "Subunit of the Arp2/3 complex, which nucleates branched actin filaments.",
    "ARPC3": "Subunit of the Arp2/3 complex, which nucleates branched actin filaments.",
    "CAP1": "Actin-monomer-binding protein that regulates actin filament turnover.",
    "CST7": "Cystatin F, a cysteine protease inhibitor of NK cells and cytotoxic T cells.",
    "CTSS": "Cathepsin S, a lysosomal cysteine protease of antigen-presenting cells that degrades the MHC class II "
            "invariant chain.",
    "DUSP2": "PAC-1, a nuclear MAP kinase phosphatase of immune cells.",
    "EVL": "Actin regulator of the Ena/VASP family, high in lymphocytes.",
    "FYB1": "ADAP, an adaptor that links T-cell receptor signalling to integrin activation.",
    "GIMAP4": "GTPase of the immunity-associated protein family, expressed in lymphocytes.",
    "GIMAP7": "GTPase of the immunity-associated protein family, expressed in lymphocytes.",
    "GLIPR2": "Golgi-associated protein of the CAP superfamily.",
    "GZMA": "Granzyme A, a tryptase of NK cell and cytotoxic T cell granules.",
    "GZMH": "Granzyme H, a chymotrypsin-like protease of cytotoxic granules, mostly of NK cells.",
    "HLA-A": "Classical MHC class I heavy chain that presents peptides to CD8 T cells.",
    "HLA-B": "Classical MHC class I heavy chain that presents peptides to CD8 T cells.",
    "HLA-C": "Classical MHC class I heavy chain that presents peptides to CD8 T cells and is recognised by NK cell "
             "receptors.",
    "HLA-DPA1": "Alpha chain of HLA-DP, an MHC class II molecule of antigen-presenting cells.",
    "HLA-DPB1": "Beta chain of HLA-DP, an MHC class II molecule of antigen-presenting cells.",
    "HLA-E": "Non-classical MHC class I molecule that presents leader peptides to the NK cell receptor CD94/NKG2.",
    "IL32": "Pro-inflammatory cytokine made by T cells, NK cells and epithelial cells.",
    "ITM2B": "BRI2, a type II membrane protein whose mutations cause familial British and Danish dementia.",
    "LIMD2": "",
    "LSP1": "F-actin-binding protein of leukocytes that regulates their migration.",
    "LY6E": "GPI-anchored protein of the Ly6 family, induced by interferon.",
    "MNDA": "Interferon-inducible nuclear protein of the HIN-200 family, expressed in myeloid cells.",
    "MYO1G": "Class I myosin of blood cells, bound to the plasma membrane.",
    "PLAC8": "Small cysteine-rich protein expressed in placenta and in immune cells.",
    "PSAP": "Prosaposin, the precursor of saposins that activate lysosomal sphingolipid hydrolases.",
    "SELL": "L-selectin (CD62L), which mediates leukocyte rolling and lymphocyte homing to lymph nodes; high on "
            "naive T cells.",
    "SEPTIN7": "GTP-binding core subunit of septin filaments, needed for cytokinesis.",
    "SPI1": "PU.1, an ETS transcription factor of myeloid and B cell development.",
    "STK17A": "Serine/threonine kinase of the death-associated protein kinase family that promotes apoptosis.",
    "TAGLN2": "Transgelin-2, an actin-binding protein expressed in leukocytes.",
    "TNFAIP3": "A20, a ubiquitin-editing enzyme that ends NF-kappaB signalling.",
    "TRAC": "Constant region of the T-cell receptor alpha chain.",
    "TRBC1": "Constant region 1 of the T-cell receptor beta chain.",
    "TRBC2": "Constant region 2 of the T-cell receptor beta chain.",
    "XIST": "Long non-coding RNA that silences one X chromosome in female cells.",
    "ZNF331": "Zinc finger protein of the Kruppel (C2H2) family.",
}


def read_gene_info(path, symbols):
    """Rows of human genes whose Symbol or nomenclature-authority symbol is one of the symbols."""
    wanted = set(symbols)
    opener = gzip.open if path.endswith(".gz") else open
    found = {}
    official = set()
    with opener(path, "rt", encoding="utf-8") as f:
        header = f.readline().lstrip("#").rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            if row["tax_id"] != "9606":
                continue
            official.add(row["Symbol"])
            official.add(row["Symbol_from_nomenclature_authority"])
            # mitochondrial genes: gene_info's Symbol is e.g. COX1, the nomenclature symbol MT-CO1 is what data use
            for key in (row["Symbol"], row["Symbol_from_nomenclature_authority"]):
                if key in wanted:
                    found.setdefault(key, []).append(row)
                    break
    return found, official


def field(value):
    return "" if value in (None, "-") else value


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gene-info", required=True, help="NCBI Homo_sapiens.gene_info(.gz)")
    parser.add_argument("--h5ad", default=os.path.join(HERE, "pbmc_demo.h5ad"))
    parser.add_argument("--out", default=os.path.join(HERE, "pbmc_demo_descriptions.tsv"))
    args = parser.parse_args()
    genes = list(anndata.read_h5ad(args.h5ad, backed="r").var_names)
    missing_text = [g for g in genes if g not in SUMMARY]
    if missing_text:
        raise SystemExit(f"no summary entry (write one or an empty string) for: {missing_text}")
    found, official = read_gene_info(args.gene_info, genes)
    problems = [(g, len(found.get(g, []))) for g in genes if len(found.get(g, [])) != 1]
    if problems:
        raise SystemExit(f"genes not found exactly once in {args.gene_info}: {problems}")
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        out.write("Symbol\tGeneID\tfull_name\tSynonyms\tensembl\tsummary\n")
        for g in genes:
            row = found[g][0]
            # a synonym that is another gene's official symbol (H3-3A for H3-3B) would, in a table this small,
            # resolve that other gene to this one; such synonyms are left out
            synonyms = [s for s in row["Synonyms"].split("|") if s != "-" and s not in official]
            if row["Symbol"] != g:
                synonyms.insert(0, row["Symbol"])
            ensembl = next((x[len("Ensembl:"):] for x in row["dbXrefs"].split("|") if x.startswith("Ensembl:")), "")
            full_name = field(row["Full_name_from_nomenclature_authority"]) or field(row["description"])
            out.write("\t".join([g, row["GeneID"], full_name, "|".join(synonyms), ensembl, SUMMARY[g]]) + "\n")
    os.replace(tmp, args.out)
    described = sum(1 for g in genes if SUMMARY[g])
    print(f"wrote {args.out}: {len(genes)} genes, {described} with a summary")


if __name__ == "__main__":
    main()

#!/bin/sh
# The report's PDF figures drop into LaTeX: pdflatex includes latest.pdf,
# a dated map and chart.pdf with graphicx and logs no warning (no PDF
# version complaint, no missing file, nothing overfull).  Each figure has
# its own page: cairo gives every PDF page a transparency group, and
# pdfTeX warns when two such PDFs share a page ("multiple pdfs with page
# group included in a single page"; \pdfsuppresswarningpagegroup=1
# silences it).  Exits 77 (skipped) when pdflatex is not installed.
# Usage: test_report_latex.sh CONFLICTMAP DATASET TMPDIR
set -u
CM=$1
DATASET=$2
T=$3
if ! command -v pdflatex >/dev/null 2>&1; then
    echo "pdflatex not found: skipped"
    exit 77
fi
rm -rf "$T"
mkdir -p "$T"
if ! "$CM" report --dataset "$DATASET" --from 2021-08-14 --to 2021-08-15 \
     --width 800 --height 600 --dpi 75 -o "$T/bundle" >/dev/null; then
    echo "report failed"; exit 1
fi
cat >"$T/doc.tex" <<'TEX'
\documentclass{article}
\usepackage{graphicx}
\begin{document}
\begin{figure}[htbp]
  \centering
  \includegraphics[width=\linewidth]{bundle/latest.pdf}
  \caption{The latest map.}
\end{figure}
\clearpage
\begin{figure}[htbp]
  \centering
  \includegraphics[width=\linewidth]{bundle/maps/2021-08-14.pdf}
  \caption{A dated map.}
\end{figure}
\clearpage
\begin{figure}[htbp]
  \centering
  \includegraphics[width=\linewidth]{bundle/chart.pdf}
  \caption{The chart.}
\end{figure}
\end{document}
TEX
cd "$T" || exit 1
if ! pdflatex -interaction=nonstopmode -halt-on-error doc.tex >pdflatex.out 2>&1; then
    echo "pdflatex failed:"; tail -20 doc.log; exit 1
fi
fail=0
if grep -i -n -E 'warning|overfull|underfull|error' doc.log; then
    echo "FAIL: the log has warnings"; fail=1
fi
pages=$(pdfinfo doc.pdf 2>/dev/null | sed -n 's/^Pages: *//p')
if [ "${pages:-0}" -ne 3 ]; then echo "FAIL: doc.pdf has ${pages:-no} pages, want 3"; fail=1; fi
if [ "$fail" -eq 0 ]; then echo "report_latex: 2 passed, 0 failed"; else echo "report_latex: failed"; fi
exit "$fail"

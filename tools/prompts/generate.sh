#!/bin/sh
# Generates the spoken prompts a queue uses to tell a waiting caller its position and estimated wait
# (issue #6), in English, Brazilian Portuguese and Latin American Spanish, into
# pbx/src/main/resources/io/ramal/pbx/speech/<language>/<word>.wav.
#
# The files are committed: building and testing Ramal never needs this script or its tools. Run it
# again only to change a voice or a word (then commit what it wrote). Needs Debian's espeak-ng and sox:
#   apt-get install -y espeak-ng sox
#
# Each prompt is espeak-ng's speech with the silence before and after it trimmed, normalised to -3 dBFS
# and stored the way the media plane plays it: 8 kHz mono G.711 mu-law WAV (half the size of 16-bit
# PCM; a caller on PCMU receives exactly these bytes). No dither, so a run writes the same bytes again.
# The word names are what io.ramal.pbx.speech's number rules say (one file per word, no accents).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out="${1:-$here/../../pbx/src/main/resources/io/ramal/pbx/speech}"
command -v espeak-ng >/dev/null || { echo "espeak-ng is missing: apt-get install -y espeak-ng" >&2; exit 1; }
command -v sox >/dev/null || { echo "sox is missing: apt-get install -y sox" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# say LANGUAGE VOICE: reads "word|text" lines from stdin and writes LANGUAGE/word.wav for each.
say() {
  language=$1
  voice=$2
  mkdir -p "$out/$language"
  while IFS='|' read -r word text; do
    [ -n "$word" ] || continue
    espeak-ng -v "$voice" -s 160 -w "$work/raw.wav" "$text"
    sox -D "$work/raw.wav" -r 8000 -c 1 -e u-law "$out/$language/$word.wav" \
      silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse norm -3
  done
}

say en en-us <<'EOF'
caller-number|You are caller number
estimated-wait|Your estimated wait is
minute|minute
minutes|minutes
thank-you|Thank you for waiting.
one|one
two|two
three|three
four|four
five|five
six|six
seven|seven
eight|eight
nine|nine
ten|ten
eleven|eleven
twelve|twelve
thirteen|thirteen
fourteen|fourteen
fifteen|fifteen
sixteen|sixteen
seventeen|seventeen
eighteen|eighteen
nineteen|nineteen
twenty|twenty
thirty|thirty
forty|forty
fifty|fifty
sixty|sixty
seventy|seventy
eighty|eighty
ninety|ninety
EOF

say pt pt-br <<'EOF'
caller-number|Sua posição na fila é
estimated-wait|O tempo estimado de espera é de
minute|minuto
minutes|minutos
thank-you|Obrigado por aguardar.
e|e
um|um
dois|dois
tres|três
quatro|quatro
cinco|cinco
seis|seis
sete|sete
oito|oito
nove|nove
dez|dez
onze|onze
doze|doze
treze|treze
catorze|catorze
quinze|quinze
dezesseis|dezesseis
dezessete|dezessete
dezoito|dezoito
dezenove|dezenove
vinte|vinte
trinta|trinta
quarenta|quarenta
cinquenta|cinquenta
sessenta|sessenta
setenta|setenta
oitenta|oitenta
noventa|noventa
EOF

say es es-419 <<'EOF'
caller-number|Su posición en la fila es
estimated-wait|El tiempo estimado de espera es de
minute|minuto
minutes|minutos
thank-you|Gracias por esperar.
y|y
uno|uno
un|un
dos|dos
tres|tres
cuatro|cuatro
cinco|cinco
seis|seis
siete|siete
ocho|ocho
nueve|nueve
diez|diez
once|once
doce|doce
trece|trece
catorce|catorce
quince|quince
dieciseis|dieciséis
diecisiete|diecisiete
dieciocho|dieciocho
diecinueve|diecinueve
veinte|veinte
veintiuno|veintiuno
veintiun|veintiún
veintidos|veintidós
veintitres|veintitrés
veinticuatro|veinticuatro
veinticinco|veinticinco
veintiseis|veintiséis
veintisiete|veintisiete
veintiocho|veintiocho
veintinueve|veintinueve
treinta|treinta
cuarenta|cuarenta
cincuenta|cincuenta
sesenta|sesenta
setenta|setenta
ochenta|ochenta
noventa|noventa
EOF

du -sh "$out"

"""Skapa om exempelregionens data (Region Nordanå). Generatorn är paketet generator/; se dess beskrivning.

    python exempeldata/generera.py                     # skriver om de genererade filerna i exempeldata/
    python exempeldata/generera.py --ut KATALOG        # skriver dem i en annan katalog
    python exempeldata/generera.py --foresla-mal ÅR    # föreslår nya mål (kräver scipy)
"""

import sys

from generator.kommandorad import main

if __name__ == "__main__":
    main(sys.argv[1:])

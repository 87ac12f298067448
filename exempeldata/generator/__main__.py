import sys

from .kommandorad import main

main(sys.argv[1:])

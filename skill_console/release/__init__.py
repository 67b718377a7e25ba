"""`make package`: the deployable zip, with every answer that holds no user words rendered
at build time. Imported by python3.13 from a bare build: no third-party imports here."""

from . import main
from . import statistics

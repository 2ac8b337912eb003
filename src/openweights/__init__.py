"""openweights: helper package for the report on Chinese open-weight AI models."""

__version__ = "0.1.0"

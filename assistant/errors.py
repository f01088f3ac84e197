"""The errors article-assistant raises; each message says what to do next."""


class AssistantError(Exception):
    """Base class: something the user or operator can fix."""


class CorpusError(AssistantError):
    """A corpus file or folder cannot be read or parsed."""


class ModelError(AssistantError):
    """The embedding model is missing, altered or cannot load."""


class IndexFault(AssistantError):
    """The built index is missing, stale or corrupt."""


class IndexMissing(IndexFault):
    """No index has been built in the index folder."""


class IndexStale(IndexFault):
    """The index was built from another corpus, model or format."""


class IndexCorrupt(IndexFault):
    """An index file is damaged or does not match the manifest."""

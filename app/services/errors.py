class ServiceError(Exception):
    """A request the service refuses; `status` is the HTTP status a view should answer with."""

    status: int = 400


class NotFound(ServiceError):
    status = 404


class Conflict(ServiceError):
    status = 409

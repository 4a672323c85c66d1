"""Talk to a My Number Card: APDUs, transports, the JPKI client, a simulated card, verification.

Layers (each imports only the ones before it): ``apdu`` (pure) -> ``transport`` -> ``pcsc`` /
``virtual`` -> ``jpki`` -> the agent; ``verify`` is pure and used by the server.
"""

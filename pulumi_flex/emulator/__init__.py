"""Local, wire-faithful emulator of the Twilio Flex API (``pulumi-flex emulator``).

The package is split like moto: ``models`` hold state and rules, ``validation`` the one way parameters are
checked (pydantic models), ``wire`` and ``paging`` the wire format, ``app`` the routing. It implements
Twilio's published behaviour independently and never imports the client, specs, provider or Pulumi, so the
emulator and the client check each other.

Importing this package is cheap: Starlette and uvicorn are imported only by ``app`` and when the server runs.
"""

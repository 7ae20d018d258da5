"""The reference server Atrium clients sync with. Client code never imports this package."""

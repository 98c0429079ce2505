import json
import re

import pytest

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def json_ld():
    """Every JSON-LD block of a response, parsed."""

    def parse(response):
        return [json.loads(block) for block in JSON_LD.findall(response.content.decode())]

    return parse

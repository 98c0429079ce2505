"""No value in an API address can hold a NUL byte (PostgreSQL text cannot): such a request is a 400, never a 500."""

import pytest

NUL_ADDRESSES = [
    "/api/v1/search/?q=a%00b",
    "/api/v1/stories/?tag=a%00",
    "/api/v1/stories/?section=a%00",
    "/api/v1/stories/?person=a%00",
    "/api/v1/stories/?title=a%00",
    "/api/v1/stories/?cursor=a%00",
    "/api/v1/stories/?fields=a%00",
    "/api/v1/people/?imdb_id=nm%00",
    "/api/v1/titles/?imdb_id=tt%00",
    "/api/v1/people/a%00b/",
    "/api/v1/titles/a%00b/",
    "/api/v1/stories/a%00b/",
    "/api/v1/connections/?from=kevin%00bacon&to=kyra-sedgwick",
    "/api/v1/?a%00=1",
]


@pytest.mark.parametrize("address", NUL_ADDRESSES)
def test_an_address_with_a_nul_byte_is_a_clear_400(client, seed, address):
    response = client.get(address)
    assert response.status_code == 400
    assert "NUL byte" in response.json()["detail"]

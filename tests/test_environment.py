from openweights.analysis.environment import package_versions


def test_package_versions_lists_python_first_and_flags_missing():
    table = package_versions(("pandas", "no-such-package-xyz"))
    assert list(table["package"]) == ["python", "pandas", "no-such-package-xyz"]
    assert table.loc[2, "version"] == "not installed"
    assert table.loc[1, "version"][0].isdigit()

"""briefgen's tests, mirroring the packages of src/briefgen."""

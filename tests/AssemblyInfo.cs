// The front-end checks start first and run beside the unit tests (tests/Notebooks/FrontEndCheck.cs).
[assembly: TestCollectionOrderer(typeof(NotebookAnalysis.Tests.Notebooks.FrontEndChecksFirst))]

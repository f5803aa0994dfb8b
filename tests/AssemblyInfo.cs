// The front-end checks and the notebook runs start first and run beside the unit tests (tests/Notebooks/FrontEndCheck.cs).
[assembly: TestCollectionOrderer(typeof(NotebookAnalysis.Tests.Notebooks.SlowCollectionsFirst))]

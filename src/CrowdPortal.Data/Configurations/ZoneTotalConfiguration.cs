using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdPortal.Data.Configurations;

internal sealed class ZoneTotalConfiguration : IEntityTypeConfiguration<ZoneTotal>
{
    public void Configure(EntityTypeBuilder<ZoneTotal> builder)
    {
        builder.ToTable("zone_totals");
        builder.HasKey(t => new { t.VideoId, t.ZoneId });
        builder.Property(t => t.ZoneId).IsRequired().HasMaxLength(64);
        builder.HasOne(t => t.Video).WithMany().HasForeignKey(t => t.VideoId).OnDelete(DeleteBehavior.Cascade);
    }
}

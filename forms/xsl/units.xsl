<?xml version="1.0" encoding="UTF-8"?>
<!--
  units.xsl: the units people work in (kindergartens, schools, services)
  for the administrator: each with its kind, code and how many active
  people work there, and the form to add one. No child's data. View:
  h_unit.c (<units><unit id code name kind external created
  people/></units>, <error form="new" field> and <typed> after a
  refusal).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>
  <xsl:import href="_account.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="i:t('Units')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <p><a href="/"><xsl:value-of select="i:t('Start page')"/></a></p>
    <h1><xsl:value-of select="i:t('Units')"/></h1>
    <xsl:call-template name="error-summary">
      <xsl:with-param name="title" select="i:t('The unit was not added. Correct this:')"/>
    </xsl:call-template>
    <p class="intro"><xsl:value-of select="i:t('The kindergartens, schools and services people work in. A person’s unit, and its kind, decide which children’s cases they can be given access to. Changes show in the forms within a minute.')"/></p>
    <nav class="toc" aria-label="{i:t('On this page')}">
      <ul>
        <li><a href="#list"><xsl:value-of select="i:t('The units')"/></a></li>
        <li><a href="#new"><xsl:value-of select="i:t('Add a unit')"/></a></li>
        <li><a href="/admin/people"><xsl:value-of select="i:t('People')"/></a></li>
      </ul>
    </nav>
    <section aria-labelledby="list-title" id="list">
      <h2 id="list-title"><xsl:value-of select="i:t('The units')"/></h2>
      <xsl:choose>
        <xsl:when test="not(units/unit)">
          <p class="none"><xsl:value-of select="i:t('No unit is registered yet.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-table1">
          <table class="list">
            <caption class="visually-hidden" id="{generate-id()}-table1"><xsl:value-of select="i:t('Units by name')"/></caption>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="i:t('Unit')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Kind of unit')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="units/unit">
                <tr>
                  <th scope="row">
                    <a href="/admin/units/{@id}"><xsl:value-of select="@name"/></a>
                    <xsl:if test="@external = 'true'">
                      <xsl:text> </xsl:text>
                      <span class="tag info"><xsl:value-of select="i:t('External')"/></span>
                    </xsl:if>
                    <div class="small-ref">
                      <code><xsl:value-of select="@code"/></code>
                      <xsl:text> · </xsl:text>
                      <xsl:value-of select="i:t('people: {0}', @people)"/>
                    </div>
                  </th>
                  <td><xsl:call-template name="service"><xsl:with-param name="code" select="@kind"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <section aria-labelledby="new-title" id="new">
      <h2 id="new-title"><xsl:value-of select="i:t('Add a unit')"/></h2>
      <form method="post" action="/admin/units" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:call-template name="unit-fields">
          <xsl:with-param name="form" select="'new'"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Add the unit')"/></button>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
